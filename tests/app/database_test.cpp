// The database's readers (app/database.h): a read runs on a reader
// connection of its own, beside a write holding the writer's connection
// (it neither waits for the write nor sees it before its commit, and sees
// it after), in one read transaction (which a read that reads consistently
// itself joins); readers are kept for the next reads;
// a database with no reader connections (a store in memory) reads on the
// writer's. On every engine (tests/store/store_engines.h); a location
// names its engine, and its password is not shown.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "app/database.h"
#include "store/store_engines.h"

using namespace danso;
using namespace std::chrono_literals;

namespace {

class DatabaseReadersTest : public danso::test::StoreEngineTest {};
DANSO_STORE_ENGINES(DatabaseReadersTest);

OrgUnit province(int64_t id, const char* code) {
  OrgUnit u;
  u.id = UnitId(id), u.code = code, u.name = std::string("Tỉnh ") + code, u.kind = UnitKind::kProvince, u.level = 1;
  u.valid_from = Date::parse("2019-01-01").value();
  return u;
}

// The province 41 written and committed.
Status write_province(Database& db) {
  return db.write([](Store& s) -> Status {
    const OrgUnit u = province(1, "41");
    return s.upsert_units(std::span<const OrgUnit>(&u, 1));
  });
}

int64_t units_read(Database& db) {
  return db.read([](Store& s) { return s.count_rows(StoredTable::kUnits); });
}

TEST_P(DatabaseReadersTest, AReadRunsBesideAWriteAndSeesItOnceCommitted) {
  auto db = open_database(location_, {.create = true});
  ASSERT_TRUE(db.ok()) << db.error().en;
  Database& d = **db;
  ASSERT_TRUE(write_province(d).ok());
  EXPECT_EQ(units_read(d), 1);

  // A write holds the writer's connection, its second unit not committed yet.
  std::promise<void> written, commit;
  std::thread writer([&] {
    (void)d.write([&](Store& s) -> Status {
      const OrgUnit u = province(2, "42");
      auto st = s.upsert_units(std::span<const OrgUnit>(&u, 1));
      written.set_value();
      commit.get_future().wait();
      return st;
    });
  });
  written.get_future().wait();
  // The read neither waits for it nor sees its unit.
  auto read = std::async(std::launch::async, [&] { return units_read(d); });
  const auto status = read.wait_for(5s);
  commit.set_value();
  writer.join();
  ASSERT_EQ(status, std::future_status::ready) << "the read waited for the write";
  EXPECT_EQ(read.get(), 1);
  // Committed: the next read sees it, on a reader kept from before.
  EXPECT_EQ(units_read(d), 2);
  EXPECT_EQ(d.readers_open(), 1u);
}

TEST_P(DatabaseReadersTest, ReadsAtOnceTakeReadersOfTheirOwnAndKeepThem) {
  auto db = open_database(location_, {.create = true});
  ASSERT_TRUE(db.ok()) << db.error().en;
  Database& d = **db;
  // Two reads inside each other's time: two readers.
  const int64_t n = d.read([&](Store& outer) {
    return outer.count_rows(StoredTable::kUnits) + units_read(d);
  });
  EXPECT_EQ(n, 0);
  EXPECT_EQ(d.readers_open(), 2u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(units_read(d), 0);
  EXPECT_EQ(d.readers_open(), 2u);  // kept, not opened again
}

TEST_P(DatabaseReadersTest, AReadThatReadsConsistentlyItselfRunsInTheReadersTransaction) {
  auto db = open_database(location_, {.create = true});
  ASSERT_TRUE(db.ok()) << db.error().en;
  Database& d = **db;
  ASSERT_TRUE(write_province(d).ok());
  // As the register snapshot's load does, inside Database::read.
  const int64_t n = d.read([](Store& s) {
    int64_t units = -1;
    s.read_consistently([&] { units = s.count_rows(StoredTable::kUnits); });
    return units;
  });
  EXPECT_EQ(n, 1);
  EXPECT_EQ(units_read(d), 1);  // the reader is back in the pool, out of its transaction
}

TEST_P(DatabaseReadersTest, AStoreWithoutReadersReadsOnTheWritersConnection) {
  auto store = open();
  ASSERT_TRUE(store.ok()) << store.error().en;
  // No reader opener, as a store in memory.
  Database d(std::move(*store), location_, postgres() ? Engine::kPostgres : Engine::kSqlite);
  ASSERT_TRUE(write_province(d).ok());
  EXPECT_EQ(units_read(d), 1);
  EXPECT_EQ(d.readers_open(), 0u);
}

TEST_P(DatabaseReadersTest, TheLocationNamesTheEngine) {
  auto db = open_database(location_, {.create = true});
  ASSERT_TRUE(db.ok()) << db.error().en;
  EXPECT_EQ((*db)->engine(), postgres() ? Engine::kPostgres : Engine::kSqlite);
  EXPECT_TRUE((*db)->has_reader());
  EXPECT_EQ((*db)->store().schema_version(), migrations().back().version);
}

TEST(DatabaseLocation, APasswordIsNotShown) {
  EXPECT_EQ(shown_location("postgresql://danso:m%C3%A2t-kh%E1%BA%A9u@db.example:5432/danso"),
            "postgresql://danso:***@db.example:5432/danso");
  EXPECT_EQ(shown_location("postgres://danso@db.example/danso?sslmode=require&password=bi-mat"),
            "postgres://danso@db.example/danso?sslmode=require&password=***");
  EXPECT_EQ(shown_location("postgresql:///danso?host=/run/postgresql"), "postgresql:///danso?host=/run/postgresql");
  EXPECT_EQ(shown_location("data/demo.db"), "data/demo.db");
  EXPECT_TRUE(is_postgres_location("postgres://h/d"));
  EXPECT_FALSE(is_postgres_location("postgresql.db"));
}

TEST(DatabaseLocation, AServerThatIsNotThereIsNamedInBothLanguages) {
  auto db = open_database("postgresql:///danso?host=/nonexistent-danso-socket-folder");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(db.error().en.find("cannot connect to the PostgreSQL server"), std::string::npos) << db.error().en;
  EXPECT_NE(db.error().vi.find("không kết nối được máy chủ PostgreSQL"), std::string::npos);
}

}  // namespace
