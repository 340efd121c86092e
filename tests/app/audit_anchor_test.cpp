// The audit log against someone who can write the database file: with the
// triggers dropped, a log cut short with its head moved, a head moved, a
// chain recomputed after an edit, a log emptied with its head all verify as
// intact on their own; against the signed anchors kept outside the database
// each is found, with the entry it starts at. Forged or foreign anchor
// lines are found; a dropped table is "broken", not an error; a write is
// refused on a log that no longer reaches its latest anchor.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "app/accounts/accounts.h"
#include "app/accounts/audit_anchor.h"
#include "app/accounts/audit_chain.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace danso {
namespace {

namespace fs = std::filesystem;

class AuditAnchors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-anchor-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "a.db").string();
    auto s = test::open_test_store(path_);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    key_ = accounts::generate_audit_key();
    ASSERT_TRUE(accounts::write_audit_key(key_, (dir_ / "audit.key").string()).ok());
    config_ = {(dir_ / "audit.key").string(), (dir_ / "anchors.txt").string()};
    auto anchoring = accounts::Anchoring::open(config_);
    ASSERT_TRUE(anchoring.ok());
    ASSERT_TRUE(anchoring->has_value());
    // Five writes, the head anchored after each, as the command line does.
    std::mutex mu;
    accounts::Accounts acc(*store_, mu);
    for (int i = 1; i <= 5; ++i) {
      auto tx = store_->begin();
      ASSERT_TRUE(acc.audit(nullptr, "update", "household", std::to_string(100 + i), UnitId(),
                            R"({"address":"Số )" + std::to_string(i) + R"("})",
                            R"({"address":"Số )" + std::to_string(i + 10) + R"("})", kNow + i)
                      .ok());
      ASSERT_TRUE(tx.commit().ok());
      auto line = (*anchoring)->anchor(*store_, kNow + i);
      ASSERT_TRUE(line.ok()) << line.error().en;
      ASSERT_TRUE(line->has_value());
    }
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  static constexpr int64_t kNow = 1'750'000'000;

  // What someone holding the file can do: drop the triggers, change the
  // log, and put the triggers back so that nothing looks amiss.
  void tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    const std::string all =
        "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DROP TRIGGER audit_head_follows; " + sql +
        "; CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is "
        "append-only'); END; CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the "
        "audit log is append-only'); END; CREATE TRIGGER audit_head_follows AFTER INSERT ON audit BEGIN INSERT OR "
        "REPLACE INTO audit_head(id, seq, hash) VALUES (1, NEW.seq, NEW.hash); END;";
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, all.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  void exec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  accounts::AuditCheck verify_anchored() {
    auto file = accounts::read_anchor_file(config_.anchor_file);
    EXPECT_TRUE(file.ok());
    file_ = *file;
    return accounts::verify_audit(*store_, accounts::AnchorCheck{&file_, &key_, false});
  }
  std::vector<AuditRecord> entries() {
    std::vector<AuditRecord> all;
    store_->for_each_audit([&](const AuditRecord& e) { all.push_back(e); });
    return all;
  }
  std::vector<std::string> anchor_lines() {
    std::ifstream in(config_.anchor_file);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
  void write_anchor_lines(const std::vector<std::string>& lines) {
    std::ofstream out(config_.anchor_file, std::ios::trunc);
    for (const auto& l : lines) out << l << "\n";
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
  accounts::AuditKey key_;
  accounts::AnchorConfig config_;
  accounts::AnchorFile file_;
};

TEST_F(AuditAnchors, AnIntactLogReachesItsLatestAnchor) {
  const auto lines = anchor_lines();
  ASSERT_EQ(lines.size(), 5u);
  const auto log = entries();
  EXPECT_EQ(lines[4].substr(0, 9), "anchor 5 ");
  EXPECT_NE(lines[4].find(" " + log[4].hash + " 2025-06-15T15:06:45Z "), std::string::npos) << lines[4];
  EXPECT_EQ(lines[4].substr(lines[4].size() - 16), key_.id);
  const auto c = verify_anchored();
  EXPECT_TRUE(c.ok) << c.en;
  EXPECT_TRUE(c.anchored);
  EXPECT_EQ(c.entries, 5);
  EXPECT_EQ(c.anchor_lines, 5);
  ASSERT_TRUE(c.anchor.has_value());
  EXPECT_EQ(c.anchor->seq, 5);
  EXPECT_EQ(c.anchor->line, 5u);
  EXPECT_EQ(c.after_anchor, 0);
  // The key files: the secret readable by its owner only.
  struct stat st {};
  ASSERT_EQ(::stat(config_.key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto pub = accounts::read_audit_key(config_.key_file + ".pub");
  ASSERT_TRUE(pub.ok());
  EXPECT_FALSE(pub->secret_key.has_value());
  EXPECT_EQ(pub->id, key_.id);
  // A key file is never overwritten.
  EXPECT_EQ(accounts::write_audit_key(accounts::generate_audit_key(), config_.key_file).error().code,
            ErrorCode::kAlreadyExists);
}

TEST_F(AuditAnchors, ALogCutShortWithItsHeadMovedIsFoundOnlyByTheAnchor) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper("DELETE FROM audit WHERE seq >= 4; UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit WHERE seq = 3)");
  const auto alone = accounts::verify_audit(*store_);
  EXPECT_TRUE(alone.ok) << alone.en;  // the chain and its head agree
  EXPECT_EQ(alone.entries, 3);
  const auto c = verify_anchored();
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 4);
  EXPECT_EQ(c.en, "entry 4: the log was cut short: the anchor on line 5 (2025-06-15T15:06:45Z) records 5 entries, 3 remain");
  EXPECT_EQ(c.vi, "mục 4: nhật ký bị cắt: neo dòng 5 (2025-06-15T15:06:45Z) ghi 5 mục, còn 3");
  // A write on such a log is refused before anything is written.
  auto anchoring = accounts::Anchoring::open(config_);
  auto st = (*anchoring)->check_head(*store_);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(st.error().en.find("the log no longer has entry 5"), std::string::npos) << st.error().en;
  EXPECT_FALSE((*anchoring)->anchor(*store_, kNow + 10).ok());
  EXPECT_EQ(anchor_lines().size(), 5u);
}

TEST_F(AuditAnchors, AMovedHeadIsFound) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  exec("UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit WHERE seq = 3)");
  const auto c = accounts::verify_audit(*store_);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 4);
  EXPECT_EQ(c.en, "entry 4: the log's head was moved: it records 3 entries, the log has 5");
  exec("UPDATE audit_head SET seq = 5, hash = (SELECT hash FROM audit WHERE seq = 4)");
  const auto d = accounts::verify_audit(*store_);
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.broken_at, 5);
  EXPECT_EQ(d.en, "entry 5: the log's head was moved: its hash is not the last entry's");
}

TEST_F(AuditAnchors, AnEditWithTheWholeChainRecomputedIsFoundOnlyByTheAnchor) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  // Entry 2 edited, and every hash from it on recomputed, the head too.
  auto log = entries();
  log[1].actor_name = "ai đó";
  std::string sql = "UPDATE audit SET actor = 'ai đó' WHERE seq = 2;";
  std::string prev = log[0].hash;
  for (size_t i = 1; i < log.size(); ++i) {
    log[i].prev_hash = prev;
    log[i].hash = accounts::audit_hash(prev, log[i]);
    sql += "UPDATE audit SET prev_hash = '" + log[i].prev_hash + "', hash = '" + log[i].hash +
           "' WHERE seq = " + std::to_string(log[i].seq) + ";";
    prev = log[i].hash;
  }
  sql += "UPDATE audit_head SET hash = '" + prev + "'";
  tamper(sql);
  const auto alone = accounts::verify_audit(*store_);
  EXPECT_TRUE(alone.ok) << alone.en;
  const auto c = verify_anchored();
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 2);
  EXPECT_EQ(c.en,
            "entry 2: an entry from 2 to 2 was rewritten and the chain recomputed: entry 2 is not the one anchored on "
            "line 2 (2025-06-15T15:06:42Z)");
}

TEST_F(AuditAnchors, ALogEmptiedWithItsHeadIsFoundOnlyByTheAnchor) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper("DELETE FROM audit; DELETE FROM audit_head");
  const auto alone = accounts::verify_audit(*store_);
  EXPECT_TRUE(alone.ok) << alone.en;
  EXPECT_EQ(alone.entries, 0);
  const auto c = verify_anchored();
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 1);
  EXPECT_EQ(c.en, "entry 1: the log is empty, but the anchor on line 5 (2025-06-15T15:06:45Z) records 5 entries: the "
                  "log was emptied");
}

TEST_F(AuditAnchors, AnAlteredOrForeignAnchorLineIsFound) {
  auto lines = anchor_lines();
  // Line 3 moved to entry 4's number: its signature no longer holds.
  lines[2].replace(7, 1, "4");
  // Line 4 signed by another key.
  const auto other = accounts::generate_audit_key();
  lines[3] = accounts::anchor_line(accounts::sign_anchor(other, "anchor", 4, entries()[3].hash, kNow + 4));
  lines.push_back("anchor 9 not-a-hash");
  write_anchor_lines(lines);
  const auto c = verify_anchored();
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 0);
  ASSERT_EQ(c.problems.size(), 3u);
  EXPECT_EQ(c.problems[0].en, "line 6 of the anchor file is not an anchor: it was altered");
  EXPECT_EQ(c.problems[1].en, "the signature of the anchor on line 3 does not match: the line was altered or forged");
  EXPECT_EQ(c.problems[2].en, "the anchor on line 4 is signed by another key (" + other.id + ")");
  EXPECT_EQ(c.anchor->seq, 5);  // the lines that hold still cover the log
}

TEST_F(AuditAnchors, AnAnchorFileEmptiedIsFound) {
  write_anchor_lines({});
  const auto c = verify_anchored();
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.en,
            "the anchor file holds no anchor of this log, which has 5 entries: the file was emptied or replaced, or the "
            "log was never anchored (danso audit anchor)");
}

TEST_F(AuditAnchors, ADroppedTableIsBrokenNotAnError) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  exec("DROP TABLE audit_head");
  auto c = accounts::verify_audit(*store_);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.en, "the table audit_head of the audit log was dropped");
  exec("DROP TABLE audit");
  c = verify_anchored();
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 1);
  EXPECT_EQ(c.en, "entry 1: the table audit of the audit log was dropped");
  ASSERT_GE(c.problems.size(), 2u);
  EXPECT_EQ(c.problems[1].en,
            "entry 1: the log is empty, but the anchor on line 5 (2025-06-15T15:06:45Z) records 5 entries: the log was "
            "emptied");
  const auto r = accounts::verify_records(*store_, 10);
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.checked);
  auto anchoring = accounts::Anchoring::open(config_);
  EXPECT_EQ((*anchoring)->check_head(*store_).error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(AuditAnchors, ARestoreLineStartsTheLogAgain) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  // The log put back as it was at entry 3 (a restore), and its head anchored so.
  tamper("DELETE FROM audit WHERE seq >= 4; UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit WHERE seq = 3)");
  auto anchoring = accounts::Anchoring::open(config_);
  auto line = (*anchoring)->anchor_head(*store_->audit_head(), kNow + 20, "restore");
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(line->substr(0, 10), "restore 3 ");
  auto c = verify_anchored();
  EXPECT_TRUE(c.ok) << c.en;
  EXPECT_EQ(c.anchor->seq, 3);
  EXPECT_EQ(c.anchor->line, 6u);
  // Writes go on from there.
  std::mutex mu;
  accounts::Accounts acc(*store_, mu);
  auto tx = store_->begin();
  ASSERT_TRUE(acc.audit(nullptr, "create", "household", "200", UnitId(), "", "{}", kNow + 30).ok());
  ASSERT_TRUE(tx.commit().ok());
  ASSERT_TRUE((*anchoring)->anchor(*store_, kNow + 30).ok());
  c = verify_anchored();
  EXPECT_TRUE(c.ok) << c.en;
  EXPECT_EQ(c.anchor->seq, 4);
}

TEST_F(AuditAnchors, ACopyOfAnEarlierMomentIsCheckedAgainstTheAnchorsItReaches) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper("DELETE FROM audit WHERE seq >= 4; UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit WHERE seq = 3)");
  auto file = accounts::read_anchor_file(config_.anchor_file);
  auto c = accounts::verify_audit(*store_, accounts::AnchorCheck{&*file, &key_, true});
  EXPECT_TRUE(c.ok) << c.en;
  EXPECT_EQ(c.anchor->seq, 3);
  // An entry the anchors reach was changed: found in a copy too.
  tamper("UPDATE audit SET hash = '" + std::string(64, 'a') + "' WHERE seq = 3; UPDATE audit_head SET hash = '" +
         std::string(64, 'a') + "'");
  c = accounts::verify_audit(*store_, accounts::AnchorCheck{&*file, &key_, true});
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.broken_at, 3);
}

}  // namespace
}  // namespace danso
