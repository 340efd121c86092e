// The audit log's hash chain: intact, it verifies; an entry edited (even with
// its hash recomputed), deleted, moved, or the log cut short, and verification
// names the first broken entry. The store itself refuses updates and deletes.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "app/accounts/accounts.h"
#include "app/accounts/audit_chain.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace danso {
namespace {

namespace fs = std::filesystem;

class AuditChain : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() / ("danso-audit-" + std::to_string(getpid()) + "-" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    fs::remove(path_);
    auto s = test::open_test_store(path_);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    std::mutex mu;
    accounts::Accounts acc(*store_, mu);
    for (int i = 1; i <= 5; ++i) {
      auto tx = store_->begin();
      ASSERT_TRUE(acc.audit(nullptr, "update", "household", std::to_string(100 + i), UnitId(),
                            R"({"address":"Số )" + std::to_string(i) + R"("})",
                            R"({"address":"Số )" + std::to_string(i + 10) + R"("})", 1'750'000'000 + i)
                      .ok());
      ASSERT_TRUE(tx.commit().ok());
    }
  }
  void TearDown() override {
    store_.reset();
    fs::remove(path_);
    fs::remove(path_ + "-wal");
    fs::remove(path_ + "-shm");
    fs::remove(path_ + ".lock");
  }
  // Changes the file behind the store's back, as someone with the file could.
  void tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const std::string all = "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; " + sql;
    EXPECT_EQ(sqlite3_exec(db, all.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  int exec(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }

  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(AuditChain, IntactLogVerifies) {
  const auto c = accounts::verify_audit(*store_);
  EXPECT_TRUE(c.ok) << c.en;
  EXPECT_EQ(c.entries, 5);
  std::vector<AuditRecord> all;
  store_->for_each_audit([&](const AuditRecord& e) { all.push_back(e); });
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].prev_hash, accounts::kAuditGenesis);
  EXPECT_EQ(all[1].prev_hash, all[0].hash);
  EXPECT_EQ(all[0].hash, accounts::audit_hash(accounts::kAuditGenesis, all[0]));
  EXPECT_EQ(all[0].hash.size(), 64u);
  EXPECT_EQ(all[2].at, "2025-06-15T15:06:43Z");
  EXPECT_EQ(all[2].record, "103");
  EXPECT_EQ(store_->audit_head()->seq, 5);
  EXPECT_EQ(store_->audit_head()->hash, all[4].hash);
}

TEST_F(AuditChain, TheStoreRefusesUpdatesAndDeletes) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  EXPECT_EQ(exec("UPDATE audit SET after = '{}' WHERE seq = 2"), SQLITE_CONSTRAINT);
  EXPECT_EQ(exec("DELETE FROM audit WHERE seq = 5"), SQLITE_CONSTRAINT);
  EXPECT_TRUE(accounts::verify_audit(*store_).ok);
}

TEST_F(AuditChain, AnEditedEntryIsFound) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper(R"(UPDATE audit SET after = '{"address":"Số 99"}' WHERE seq = 3)");
  const auto c = accounts::verify_audit(*store_);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 3);
  EXPECT_EQ(c.en, "entry 3: its hash does not match its content (edited)");
}

TEST_F(AuditChain, AnEditWithItsHashRecomputedBreaksTheNextLink) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  std::vector<AuditRecord> all;
  store_->for_each_audit([&](const AuditRecord& e) { all.push_back(e); });
  AuditRecord e = all[1];
  e.actor_name = "ai đó";
  tamper("UPDATE audit SET actor = 'ai đó', hash = '" + accounts::audit_hash(e.prev_hash, e) + "' WHERE seq = 2");
  const auto c = accounts::verify_audit(*store_);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 3);
  EXPECT_EQ(c.en, "entry 3: does not follow the entry before it: an earlier entry was deleted, edited or moved");
}

TEST_F(AuditChain, ADeletedEntryIsFound) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper("DELETE FROM audit WHERE seq = 2");
  const auto c = accounts::verify_audit(*store_);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 2);
  EXPECT_EQ(c.en, "entry 2: missing (the next entry is 3): deleted");
}

TEST_F(AuditChain, ADeletionRenumberedIsFound) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper("DELETE FROM audit WHERE seq = 2; UPDATE audit SET seq = seq - 1 WHERE seq > 2");
  const auto c = accounts::verify_audit(*store_);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 2);
}

TEST_F(AuditChain, ReorderedEntriesAreFound) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper("UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 4; "
         "UPDATE audit SET seq = 4 WHERE seq = -1");
  const auto c = accounts::verify_audit(*store_);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 2);
}

TEST_F(AuditChain, ALogCutShortIsFound) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper("DELETE FROM audit WHERE seq >= 4");
  auto c = accounts::verify_audit(*store_);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.entries, 3);
  EXPECT_EQ(c.broken_at, 4);
  EXPECT_EQ(c.en, "entry 4: the log was cut short: its head records 5 entries, 3 remain");
  tamper("DELETE FROM audit");
  c = accounts::verify_audit(*store_);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 1);
}

TEST_F(AuditChain, AWriteAndItsEntryLandTogether) {
  std::mutex mu;
  accounts::Accounts acc(*store_, mu);
  {
    auto tx = store_->begin();
    ASSERT_TRUE(acc.audit(nullptr, "create", "household", "200", UnitId(), "", "{}", 1'750'000'100).ok());
    // No commit: rolled back with the write it records.
  }
  EXPECT_EQ(store_->count_rows(StoredTable::kAudit), 5);
  EXPECT_EQ(store_->audit_head()->seq, 5);
  EXPECT_TRUE(accounts::verify_audit(*store_).ok);
}

}  // namespace
}  // namespace danso
