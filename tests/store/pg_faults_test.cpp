// The PostgreSQL store when its server fails it (DANSO_TEST_PG, scripts/
// pg_cluster.sh; skipped without): a connection lost in the middle of a
// write leaves nothing of it, every later statement of that transaction is
// refused rather than run on a new connection outside it, and the next call
// connects again; a server that takes no writes (a standby, a database set
// read-only) refuses a write as unavailable, in both languages, and reads.
#include <gtest/gtest.h>

#include "store/pg_test_database.h"
#include "store/postgres/pg_store.h"

using namespace danso;

namespace {

OrgUnit fault_unit(int64_t id) {
  OrgUnit u;
  u.id = UnitId(id), u.code = "99" + std::to_string(id), u.name = "Tỉnh " + std::to_string(id);
  u.kind = UnitKind::kProvince, u.level = 1, u.valid_from = Date::parse("2019-01-01").value();
  return u;
}

TEST(PgFaults, AConnectionLostMidwayWritesNothingAndTheNextCallConnectsAgain) {
  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  auto s = open_pg_store(db.location());
  ASSERT_TRUE(s.ok()) << s.error().en;
  Store& st = **s;
  {
    auto tx = st.begin();
    const OrgUnit a = fault_unit(1), b = fault_unit(2);
    ASSERT_TRUE(st.upsert_units(std::span<const OrgUnit>(&a, 1)).ok());
    // The server ends this connection (as a restart or a network cut would).
    ASSERT_EQ(test::PgTestDatabase::run_on(test::PgTestDatabase::server(),
                                           "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                                               db.name() + "' AND pid <> pg_backend_pid()"),
              "");
    try {
      (void)st.upsert_units(std::span<const OrgUnit>(&b, 1));
      ADD_FAILURE() << "a write on a lost connection went through";
    } catch (const StoreUnavailable& e) {
      EXPECT_EQ(e.error().code, ErrorCode::kUnavailable);
      EXPECT_NE(e.error().en.find("connection to the PostgreSQL server was lost"), std::string::npos) << e.error().en;
      EXPECT_NE(e.error().vi.find("mất kết nối"), std::string::npos);
    }
    // The rest of the transaction is refused too, not run outside it.
    EXPECT_THROW((void)st.count_rows(StoredTable::kUnits), StoreUnavailable);
  }  // rolled back: nothing to do
  EXPECT_EQ(st.count_rows(StoredTable::kUnits), 0);  // connected again; nothing of the write kept
  {
    auto tx = st.begin();
    const OrgUnit c = fault_unit(3);
    ASSERT_TRUE(st.upsert_units(std::span<const OrgUnit>(&c, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(st.count_rows(StoredTable::kUnits), 1);
  // Lost between two calls: the next transaction begins on a new connection.
  ASSERT_EQ(test::PgTestDatabase::run_on(test::PgTestDatabase::server(),
                                         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                                             db.name() + "' AND pid <> pg_backend_pid()"),
            "");
  {
    auto tx = st.begin();
    const OrgUnit d = fault_unit(4);
    ASSERT_TRUE(st.upsert_units(std::span<const OrgUnit>(&d, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(st.count_rows(StoredTable::kUnits), 2);
}

TEST(PgFaults, AServerThatTakesNoWritesRefusesThemAndReads) {
  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  {
    auto s = open_pg_store(db.location());  // migrated while it takes writes
    ASSERT_TRUE(s.ok()) << s.error().en;
  }
  // As a hot standby answers: every transaction read-only.
  ASSERT_EQ(db.run("ALTER DATABASE " + db.name() + " SET default_transaction_read_only = on"), "");
  auto s = open_pg_store(db.location());
  ASSERT_TRUE(s.ok()) << s.error().en;
  Store& st = **s;
  EXPECT_EQ(st.count_rows(StoredTable::kUnits), 0);
  const OrgUnit a = fault_unit(1);
  auto tx = st.begin();
  try {
    (void)st.upsert_units(std::span<const OrgUnit>(&a, 1));
    ADD_FAILURE() << "a write went through";
  } catch (const StoreUnavailable& e) {
    EXPECT_NE(e.error().en.find("takes no writes"), std::string::npos) << e.error().en;
    EXPECT_NE(e.error().vi.find("chỉ cho đọc"), std::string::npos);
  }
}

}  // namespace
