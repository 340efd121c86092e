// The SQLite adapter: migrations, transactions, idempotent upserts.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() /
             ("danso-store-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(path_ + s);
  }
  void TearDown() override {
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(path_ + s);
  }
  std::string path_;
};

OrgUnit village() {
  OrgUnit u;
  u.id = UnitId(1);
  u.code = "9900101";
  u.name = "Thôn Một";
  u.kind = UnitKind::kVillage;
  u.valid_from = Date::parse("2019-01-01").value();
  return u;
}

TEST_F(SqliteStoreTest, OpeningAMissingFileWithoutCreateIsRefused) {
  auto s = open_sqlite_store(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_NE(s.error().en.find("danso init"), std::string::npos);
}

TEST_F(SqliteStoreTest, AnOlderDatabaseIsMigratedForward) {
  const auto all = sqlite::sqlite_migrations();
  ASSERT_GE(all.size(), 2u);
  {
    auto old = open_sqlite_store(path_, {.create = true, .migrations = all.subspan(0, 1)});
    ASSERT_TRUE(old.ok());
    EXPECT_EQ((*old)->schema_version(), 1);
  }
  auto s = open_sqlite_store(path_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->schema_version(), all.back().version);
  const auto applied = (*s)->migrations_applied();
  ASSERT_EQ(applied.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(applied[i].first, all[i].version);
    EXPECT_EQ(applied[i].second, all[i].name);
  }
}

TEST_F(SqliteStoreTest, ANewerDatabaseIsRefused) {
  const sqlite::Migration future[] = {{1, "register tables", sqlite::sqlite_migrations()[0].sql},
                                      {2, "register indexes", sqlite::sqlite_migrations()[1].sql},
                                      {99, "from the future", "CREATE TABLE future(x)"}};
  ASSERT_TRUE(open_sqlite_store(path_, {.create = true, .migrations = future}).ok());
  auto s = open_sqlite_store(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.error().en.find("newer than this program"), std::string::npos);
}

TEST_F(SqliteStoreTest, ATransactionNotCommittedWritesNothing) {
  auto s = open_sqlite_store(path_, {.create = true, .migrations = {}});
  ASSERT_TRUE(s.ok());
  {
    auto tx = (*s)->begin();
    const OrgUnit u = village();
    ASSERT_TRUE((*s)->upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    EXPECT_EQ((*s)->count_rows("units"), 1);
  }
  EXPECT_EQ((*s)->count_rows("units"), 0);
}

TEST_F(SqliteStoreTest, UpsertsAreIdempotentAndCitizenIdsUnique) {
  auto s = open_sqlite_store(path_, {.create = true, .migrations = {}});
  ASSERT_TRUE(s.ok());
  Store& st = **s;
  const OrgUnit u = village();
  Household h;
  h.id = HouseholdId(1);
  h.village = u.id;
  h.registered_on = u.valid_from;
  Person a;
  a.id = PersonId(1);
  a.household = h.id;
  a.name = "Người A";
  a.birth_date = Date::parse("1990-01-01").value();
  a.citizen_id = "990000000001";
  a.registered_on = u.valid_from;
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    ASSERT_TRUE(st.upsert_households(std::span<const Household>(&h, 1)).ok());
    ASSERT_TRUE(st.upsert_persons(std::span<const Person>(&a, 1)).ok());
    ASSERT_TRUE(st.upsert_persons(std::span<const Person>(&a, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(st.count_rows("persons"), 1);
  Person b = a;
  b.id = PersonId(2);
  auto tx = st.begin();
  auto dup = st.upsert_persons(std::span<const Person>(&b, 1));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
}

}  // namespace
