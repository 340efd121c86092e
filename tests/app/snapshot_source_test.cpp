// The indicators' snapshot read from a hot standby (danso serve
// --snapshot-db, app/snapshot_source.h). SnapshotSourceStandby needs a
// standby streaming from the test cluster (DANSO_TEST_PG_STANDBY:
// DANSO_PG_STANDBY=1 scripts/pg_cluster.sh, as scripts/test_postgres.sh
// runs it) and is skipped without; SnapshotSource's refusals need only
// DANSO_TEST_PG.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "app/demo_province/generator.h"
#include "app/indicator_service.h"
#include "app/register_loader.h"
#include "app/snapshot_source.h"
#include "store/pg_test_database.h"
#include "store/postgres/pg_store.h"

using namespace danso;
using danso::test::PgTestDatabase;

namespace {

std::string standby_server() {
  const char* s = std::getenv("DANSO_TEST_PG_STANDBY");
  return s ? s : "";
}

// Waits (at most 20 s) for `ready`.
template <typename F>
bool within_seconds(F ready) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!ready()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

class SnapshotSourceStandby : public ::testing::Test {
 protected:
  void SetUp() override {
    if (PgTestDatabase::server().empty() || standby_server().empty())
      GTEST_SKIP() << "DANSO_TEST_PG_STANDBY not set (DANSO_PG_STANDBY=1 scripts/pg_cluster.sh)";
    ASSERT_EQ(pg_.emplace().error(), "");
    auto db = open_database(pg_->location());
    ASSERT_TRUE(db.ok()) << db.error().en;
    db_ = std::move(*db);
    demo::DemoOptions o;
    o.persons = 10'000;
    o.seed = 5;
    o.today = Date::parse("2026-11-22").value();
    batch_ = demo::generate(o).value();
    for (const OrgUnit& u : batch_.units)
      if (!u.parent.valid()) province_ = u.code;
    {
      std::lock_guard<std::mutex> lock(db_->mutex());
      ASSERT_TRUE(load_register(db_->store(), batch_).ok());
    }
    standby_ = standby_server() + "&dbname=" + pg_->name();
    // The standby has replayed the new database and the load.
    const int64_t persons = db_->read([](Store& s) { return s.count_rows(StoredTable::kPersons); });
    ASSERT_GT(persons, 0);
    ASSERT_TRUE(within_seconds([&] {
      auto s = open_pg_reader(standby_);
      return s.ok() && (*s)->count_rows(StoredTable::kPersons) == persons;
    })) << "the standby did not catch up";
  }
  void TearDown() override {
    if (paused_) PgTestDatabase::run_on(standby_, "SELECT pg_wal_replay_resume()");
  }

  // A copy of a 2024 birth under a new id, written on the primary.
  void add_birth() {
    int64_t next = 0;
    const VitalEvent* model = nullptr;
    for (const VitalEvent& e : batch_.events) {
      next = std::max(next, e.id.value + 1);
      if (e.type == EventType::kBirth && e.date.year() == 2024 && !model) model = &e;
    }
    ASSERT_NE(model, nullptr);
    VitalEvent copy = *model;
    copy.id = EventId(next + extra_++);
    ASSERT_TRUE(db_->write([&](Store& s) { return s.upsert_events(std::span<const VitalEvent>(&copy, 1)); }).ok());
  }
  std::string report(IndicatorSnapshot& snap, const char* period) {
    auto r = snap.compute(
        [&](IndicatorReporter& rep) { return rep.report(province_, Period::parse(period).value(), false); });
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->dump() : "";
  }
  int64_t births_2024(IndicatorSnapshot& snap) {
    auto r = snap.compute(
        [&](IndicatorReporter& rep) { return rep.report(province_, Period::parse("2024").value(), false); });
    return r.ok() ? (*r)["indicators"]["births"]["value"].get<int64_t>() : -1;
  }
  int64_t standby_events() {
    auto s = open_pg_reader(standby_);
    return s.ok() ? (*s)->count_rows(StoredTable::kEvents) : -1;
  }

  std::optional<PgTestDatabase> pg_;
  std::unique_ptr<Database> db_;
  RegisterBatch batch_;
  std::string province_, standby_;
  int64_t extra_ = 0;
  bool paused_ = false;
};

TEST_F(SnapshotSourceStandby, TheSnapshotFromTheStandbyIsThePrimarysAndAReloadSeesTheWriteJustMade) {
  // A write on the primary: the standby replays up to the primary's log position.
  add_birth();
  const ServerFacts primary = db_->read([](Store& s) { return s.server_facts(); });
  EXPECT_FALSE(primary.standby);
  ASSERT_GT(primary.log_position, 0);
  ASSERT_TRUE(within_seconds([&] {
    auto s = open_pg_reader(standby_);
    return s.ok() && (*s)->server_facts().log_position >= primary.log_position;
  }));
  const int64_t events = db_->read([](Store& s) { return s.count_rows(StoredTable::kEvents); });
  EXPECT_EQ(standby_events(), events);

  std::vector<std::string> logged;
  auto source = SnapshotSource::open(*db_, standby_, {.catch_up_wait = std::chrono::seconds(20),
                                                      .log = [&](const std::string& l) { logged.push_back(l); }});
  ASSERT_TRUE(source.ok()) << source.error().en;
  std::shared_ptr<SnapshotSource> from(std::move(*source));
  IndicatorService on_standby(*db_, {.fresh_wait = std::chrono::seconds(60),
                                     .open_reader = [from] { return from->open_reader(); },
                                     .refresh_pace = 1.0,
                                     .catalogue = {}, .update_pace = 4.0, .open_group_reader = {}});
  IndicatorService on_primary(*db_, {.fresh_wait = std::chrono::seconds(60),
                                     .open_reader = [this] { return db_->open_reader(); },
                                     .refresh_pace = 1.0,
                                     .catalogue = {}, .update_pace = 4.0, .open_group_reader = {}});
  auto a = on_standby.current();
  auto b = on_primary.current();
  ASSERT_TRUE(a.ok() && b.ok());
  const int64_t births = births_2024(**a);
  EXPECT_GT(births, 0);
  EXPECT_EQ(births_2024(**b), births);
  for (const char* period : {"2024", "2025", "2025-Q2"}) EXPECT_EQ(report(**a, period), report(**b, period)) << period;

  SnapshotSource::Health h = from->health();
  EXPECT_TRUE(h.reachable);
  EXPECT_TRUE(h.standby);
  EXPECT_EQ(h.schema_version, db_->read([](Store& s) { return s.schema_version(); }));
  EXPECT_GE(h.behind_bytes, 0);
  EXPECT_EQ(h.loads, 1u);
  EXPECT_EQ(h.fallbacks, 0u);

  // A birth written on the primary, then the reload at once: it waits for
  // the standby to replay it, and counts it.
  add_birth();
  on_standby.register_changed();
  auto fresh = on_standby.exact();
  ASSERT_TRUE(fresh.ok()) << fresh.error().en;
  EXPECT_EQ(births_2024(**fresh), births + 1);
  h = from->health();
  EXPECT_EQ(h.loads, 2u);
  EXPECT_EQ(h.fallbacks, 0u);
  EXPECT_TRUE(logged.empty());
}

TEST_F(SnapshotSourceStandby, AStandbyThatStaysBehindIsNotReadTheLoadReadsThePrimary) {
  std::vector<std::string> logged;
  auto source = SnapshotSource::open(*db_, standby_, {.catch_up_wait = std::chrono::milliseconds(300),
                                                      .log = [&](const std::string& l) { logged.push_back(l); }});
  ASSERT_TRUE(source.ok()) << source.error().en;
  std::shared_ptr<SnapshotSource> from(std::move(*source));
  IndicatorService svc(*db_, {.fresh_wait = std::chrono::seconds(60),
                              .open_reader = [from] { return from->open_reader(); },
                              .refresh_pace = 1.0,
                              .catalogue = {}, .update_pace = 4.0, .open_group_reader = {}});
  auto first = svc.current();
  ASSERT_TRUE(first.ok());
  const int64_t births = births_2024(**first);

  // The standby stops replaying: what the primary writes now is not there.
  ASSERT_EQ(PgTestDatabase::run_on(standby_, "SELECT pg_wal_replay_pause()"), "");
  paused_ = true;
  const int64_t before = standby_events();
  add_birth();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(standby_events(), before);  // a load on it would miss the birth

  svc.register_changed();
  auto fresh = svc.exact();
  ASSERT_TRUE(fresh.ok()) << fresh.error().en;
  EXPECT_EQ(births_2024(**fresh), births + 1);  // read from the primary
  const SnapshotSource::Health h = from->health();
  EXPECT_EQ(h.loads, 1u);
  EXPECT_EQ(h.fallbacks, 1u);
  EXPECT_GT(h.behind_bytes, 0);
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_NE(logged[0].find("the indicators' snapshot is read from --db: --snapshot-db is still"), std::string::npos)
      << logged[0];
  EXPECT_NE(logged[0].find("số liệu chỉ tiêu được đọc từ --db"), std::string::npos);

  // Replaying again, it is read from once more.
  ASSERT_EQ(PgTestDatabase::run_on(standby_, "SELECT pg_wal_replay_resume()"), "");
  paused_ = false;
  add_birth();
  svc.register_changed();
  fresh = svc.exact();
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(births_2024(**fresh), births + 2);
  EXPECT_EQ(from->health().loads, 2u);
}

TEST(SnapshotSource, ASourceThatIsNotTheSameRegisterIsRefusedInBothLanguages) {
  if (PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  PgTestDatabase primary, other, older;
  ASSERT_EQ(primary.error(), "");
  ASSERT_EQ(other.error(), "");
  ASSERT_EQ(older.error(), "");
  auto db = open_database(primary.location());
  ASSERT_TRUE(db.ok()) << db.error().en;
  ASSERT_TRUE(open_database(other.location()).ok());
  const SnapshotSource::Options quick{.catch_up_wait = std::chrono::milliseconds(200), .log = {}};

  // Another database at the same version: another register.
  auto r = SnapshotSource::open(**db, other.location(), quick);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().en.find("--snapshot-db: not the same register as --db"), std::string::npos) << r.error().en;
  EXPECT_NE(r.error().vi.find("không phải cùng một sổ đăng ký với --db"), std::string::npos) << r.error().vi;

  // A database of an older schema.
  const auto all = pg::pg_migrations();
  {
    auto s = open_pg_store(older.location(), {.migrations = all.subspan(0, all.size() - 1)});
    ASSERT_TRUE(s.ok()) << s.error().en;
  }
  r = SnapshotSource::open(**db, older.location(), quick);
  ASSERT_FALSE(r.ok());
  const std::string latest = std::to_string(all.back().version);
  EXPECT_NE(r.error().en.find("--snapshot-db: the database is at schema version " +
                              std::to_string(all[all.size() - 2].version)),
            std::string::npos)
      << r.error().en;
  EXPECT_NE(r.error().en.find("--db is at version " + latest), std::string::npos) << r.error().en;
  EXPECT_NE(r.error().vi.find("--db ở phiên bản " + latest), std::string::npos) << r.error().vi;

  // A database DanSo never opened (no schema at all).
  PgTestDatabase empty;
  ASSERT_EQ(empty.error(), "");
  r = SnapshotSource::open(**db, empty.location(), quick);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().en.find("--snapshot-db: the database is at schema version 0, this program at " + latest),
            std::string::npos)
      << r.error().en;

  // A server that is not there.
  r = SnapshotSource::open(**db, "postgresql:///danso?host=/nonexistent-danso-socket-dir&user=danso", quick);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().en.find("--snapshot-db: cannot connect to the PostgreSQL server"), std::string::npos)
      << r.error().en;
  EXPECT_NE(r.error().vi.find("--snapshot-db: không kết nối được máy chủ PostgreSQL"), std::string::npos);

  // Not for SQLite.
  r = SnapshotSource::open(**db, "/tmp/danso.db", quick);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().en.find("only for a PostgreSQL --db and a PostgreSQL --snapshot-db"), std::string::npos);

  // The primary itself is the same register (nothing to wait for).
  auto self = SnapshotSource::open(**db, primary.location(), quick);
  ASSERT_TRUE(self.ok()) << self.error().en;
  auto reader = (*self)->open_reader();
  ASSERT_TRUE(reader.ok());
  EXPECT_FALSE((*reader)->server_facts().standby);
  EXPECT_EQ((*self)->health().fallbacks, 0u);
}

}  // namespace
