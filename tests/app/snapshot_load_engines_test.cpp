// The indicators' snapshot (analytics::RegisterSnapshot::load) of one demo
// register written to SQLite and to PostgreSQL (DANSO_TEST_PG, scripts/
// pg_cluster.sh; that half skipped without): on PostgreSQL the tables come
// by binary COPY, the spells and the events at once on two connections
// sharing the read's snapshot; loaded so, or one table after the other
// (inside a transaction of the caller's), or from SQLite, it is the same
// snapshot, field by field.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <tuple>
#include <vector>

#include "analytics/register_snapshot.h"
#include "app/demo_province/generator.h"
#include "app/register_loader.h"
#include "store/pg_test_database.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace fs = std::filesystem;
using namespace danso;
using analytics::RegisterSnapshot;

namespace {

const RegisterBatch& demo_register() {
  static const RegisterBatch batch = [] {
    demo::DemoOptions o;
    o.persons = 10'000;
    o.seed = 4;
    o.today = Date::parse("2026-06-30").value();
    return demo::generate(o).value();
  }();
  return batch;
}

void expect_same_snapshot(const RegisterSnapshot& a, const RegisterSnapshot& b, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(a.slot_unit, b.slot_unit);
  EXPECT_EQ(a.person_id, b.person_id);
  EXPECT_EQ(a.person_flags, b.person_flags);
  EXPECT_EQ(a.birth_year, b.birth_year);
  EXPECT_EQ(a.birth_md, b.birth_md);
  EXPECT_EQ(a.household_id, b.household_id);
  auto spells = [](const RegisterSnapshot& s) {
    std::vector<std::tuple<int32_t, int32_t, int32_t, int32_t, int32_t, uint32_t, uint16_t>> out;
    for (const auto& x : s.spells)
      out.emplace_back(x.person, x.slot, x.start, x.end, x.household, x.mark_begin, x.mark_count);
    return out;
  };
  EXPECT_EQ(spells(a), spells(b));
  auto events = [](const RegisterSnapshot& s) {
    std::vector<std::tuple<int32_t, int32_t, int32_t, int32_t, int, int, int, int, bool, bool>> out;
    for (const auto& e : s.events)
      out.emplace_back(e.date, e.slot, e.person, e.related, int(e.type), e.birth_order, e.method, e.conditions,
                       e.child_marriage, e.consanguineous);
    return out;
  };
  EXPECT_EQ(events(a), events(b));
  auto moves = [](const RegisterSnapshot& s) {
    std::vector<std::tuple<int32_t, int32_t, int32_t, int32_t, int>> out;
    for (const auto& m : s.local_moves) out.emplace_back(m.date, m.slot, m.other_slot, m.person, m.in);
    return out;
  };
  EXPECT_EQ(moves(a), moves(b));
  EXPECT_EQ(a.marks.size(), b.marks.size());
  EXPECT_EQ(a.deaths.size(), b.deaths.size());
  EXPECT_EQ(a.household_spans.size(), b.household_spans.size());
  EXPECT_EQ(a.slot_spells, b.slot_spells);
  EXPECT_EQ(a.slot_events, b.slot_events);
  EXPECT_EQ(a.first_event_day, b.first_event_day);
  EXPECT_EQ(a.last_event_day, b.last_event_day);
}

// The threads the spells and the events of one read came on.
struct ReadThreads {
  std::thread::id spells, events;
  size_t spell_rows = 0, event_rows = 0;
};

// A PostgreSQL store of its own database holding the demo register (null,
// with the failure reported, when it cannot be made).
std::unique_ptr<Store> pg_store_with_demo(const test::PgTestDatabase& db) {
  if (!db.error().empty()) {
    ADD_FAILURE() << db.error();
    return nullptr;
  }
  auto pg = open_pg_store(db.location());
  if (!pg.ok()) {
    ADD_FAILURE() << pg.error().en;
    return nullptr;
  }
  if (auto st = load_register(**pg, demo_register()); !st.ok()) {
    ADD_FAILURE() << st.error().en;
    return nullptr;
  }
  return std::move(*pg);
}

// Reads the spells and the events, inside the caller's read.
void read_spells_and_events(Store& store, ReadThreads& t) {
  store.for_each_spell_and_event_facts(
      [&](const ResidenceSpell&) {
        t.spells = std::this_thread::get_id();
        ++t.spell_rows;
      },
      [&](const EventFacts&) {
        t.events = std::this_thread::get_id();
        ++t.event_rows;
      });
}

ReadThreads read_threads(Store& store) {
  ReadThreads t;
  store.read_consistently([&] { read_spells_and_events(store, t); });
  return t;
}

TEST(SnapshotLoadEngines, PostgresLoadsTheSameSnapshotAsSqliteAndAsOneTableAfterTheOther) {
  const fs::path dir = fs::temp_directory_path() / ("danso-snapshot-engines-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto sqlite = open_sqlite_store((dir / "r.db").string(), {.create = true, .migrations = {}});
  ASSERT_TRUE(sqlite.ok()) << sqlite.error().en;
  ASSERT_TRUE(load_register(**sqlite, demo_register()).ok());
  const RegisterSnapshot from_sqlite = RegisterSnapshot::load(**sqlite);
  ASSERT_GT(from_sqlite.person_id.size(), 10'000u);
  ASSERT_GT(from_sqlite.events.size(), 1'000u);
  ASSERT_GT(from_sqlite.local_moves.size(), 10u);
  ASSERT_GT(from_sqlite.household_id.size(), 1'000u);
  // SQLite reads the two tables one after the other, on the caller's thread.
  const ReadThreads on_sqlite = read_threads(**sqlite);
  EXPECT_EQ(on_sqlite.spells, std::this_thread::get_id());
  EXPECT_EQ(on_sqlite.events, std::this_thread::get_id());
  EXPECT_EQ(int64_t(on_sqlite.spell_rows), (*sqlite)->count_rows(StoredTable::kResidence));
  EXPECT_EQ(int64_t(on_sqlite.event_rows), (*sqlite)->count_rows(StoredTable::kEvents));
  fs::remove_all(dir);

  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  const std::unique_ptr<Store> pg = pg_store_with_demo(db);
  ASSERT_TRUE(pg);
  Store& st = *pg;

  // The events on a thread (and connection) of their own, the spells on the caller's.
  const ReadThreads on_pg = read_threads(st);
  EXPECT_EQ(on_pg.spells, std::this_thread::get_id());
  EXPECT_NE(on_pg.events, std::this_thread::get_id());
  EXPECT_NE(on_pg.events, std::thread::id());
  EXPECT_EQ(on_pg.spell_rows, on_sqlite.spell_rows);
  EXPECT_EQ(on_pg.event_rows, on_sqlite.event_rows);

  expect_same_snapshot(from_sqlite, RegisterSnapshot::load(st), "PostgreSQL, two tables at once");
  {
    // Inside the caller's transaction (not the read's own snapshot): one
    // table after the other, on this connection.
    auto tx = st.begin();
    const ReadThreads inside = read_threads(st);
    EXPECT_EQ(inside.events, std::this_thread::get_id());
    expect_same_snapshot(from_sqlite, RegisterSnapshot::load(st), "PostgreSQL, one table after the other");
  }
  // The read goes on after its snapshot is shared: later reads see the same
  // register, and a write made since is seen by the next load.
  const RegisterSnapshot again = RegisterSnapshot::load(st);
  EXPECT_EQ(again.events.size(), from_sqlite.events.size());
  ASSERT_EQ(db.run("DELETE FROM events WHERE id = (SELECT MAX(id) FROM events WHERE type = 'death')"), "");
  EXPECT_EQ(RegisterSnapshot::load(st).deaths.size(), from_sqlite.deaths.size() - 1);
}

// A large import holds its tables' exclusive locks to its end. One that
// asks for the events' while the load holds their read lock queues behind
// it; the load's second connection, asking after it, must not queue behind
// the import (which waits for the load, which waits for the second
// connection: a wait the server cannot see). It gives up at once, and the
// load reads both tables on its own connection.
TEST(SnapshotLoadEngines, AnImportWaitingForTheEventsMakesTheLoadReadBothTablesItselfNotWaitForEver) {
  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  const std::unique_ptr<Store> pg = pg_store_with_demo(db);
  ASSERT_TRUE(pg);
  Store& st = *pg;
  const int64_t spells_stored = st.count_rows(StoredTable::kResidence);
  const int64_t events_stored = st.count_rows(StoredTable::kEvents);
  ASSERT_GT(events_stored, 1'000);

  std::thread import;
  std::atomic<bool> done{false}, broken_free{false};
  ReadThreads t;
  st.read_consistently([&] {
    ASSERT_EQ(st.count_rows(StoredTable::kEvents), events_stored);  // the read holds the events' read lock
    import = std::thread([&] {
      pg::PgConn c(db.location());
      c.exec("BEGIN");
      try {
        c.exec("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");  // waits for the read
        c.exec("COMMIT");
      } catch (const std::exception&) {  // ended by the watchdog below
      }
    });
    pg::PgConn watch(db.location());
    const std::string queued =
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'events' "
        "AND l.mode = 'AccessExclusiveLock' AND NOT l.granted AND l.database = "
        "(SELECT oid FROM pg_database WHERE datname = current_database())";
    for (int i = 0; i < 200 && watch.query(queued).i64(0, 0) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(watch.query(queued).i64(0, 0), 1) << "the import's lock is not waiting";
    // Were the load to wait for ever, the import is ended after 20 s so that
    // the test ends (and fails).
    std::thread watchdog([&] {
      pg::PgConn w(db.location());
      for (int i = 0; i < 400 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (!done) {
        broken_free = true;
        w.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LOCK TABLE events%'");
      }
    });
    read_spells_and_events(st, t);
    done = true;
    watchdog.join();
  });
  if (import.joinable()) import.join();
  EXPECT_FALSE(broken_free) << "the load waited behind the import";
  EXPECT_EQ(t.events, std::this_thread::get_id());  // both on the load's own connection
  EXPECT_EQ(t.spells, std::this_thread::get_id());
  EXPECT_EQ(int64_t(t.spell_rows), spells_stored);
  EXPECT_EQ(int64_t(t.event_rows), events_stored);
}

}  // namespace
