// The database's readers (app/database.h): a read runs on a reader
// connection of its own, beside a write holding the writer's connection
// (it neither waits for the write nor sees it before its commit, and sees
// it after), in one read transaction (which a read that reads consistently
// itself joins); readers are kept for the next reads;
// a database with no reader connections (a store in memory) reads on the
// writer's.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "app/database.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_file_fixture.h"

using namespace danso;
using namespace std::chrono_literals;

namespace {

class DatabaseReadersTest : public danso::test::StoreFileTest {
 protected:
  DatabaseReadersTest() : StoreFileTest("database-readers") {}
};

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

TEST_F(DatabaseReadersTest, AReadRunsBesideAWriteAndSeesItOnceCommitted) {
  auto db = open_database(path_, {.create = true});
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

TEST_F(DatabaseReadersTest, ReadsAtOnceTakeReadersOfTheirOwnAndKeepThem) {
  auto db = open_database(path_, {.create = true});
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

TEST_F(DatabaseReadersTest, AReadThatReadsConsistentlyItselfRunsInTheReadersTransaction) {
  auto db = open_database(path_, {.create = true});
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

TEST_F(DatabaseReadersTest, AStoreWithoutReadersReadsOnTheWritersConnection) {
  auto store = open_sqlite_store(path_, {.create = true, .migrations = {}});
  ASSERT_TRUE(store.ok()) << store.error().en;
  Database d(std::move(*store), path_, Engine::kSqlite);  // no reader opener, as a store in memory
  ASSERT_TRUE(write_province(d).ok());
  EXPECT_EQ(units_read(d), 1);
  EXPECT_EQ(d.readers_open(), 0u);
}

}  // namespace
