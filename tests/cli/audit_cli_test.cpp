// The audit log's anchors, the register check, backup and restore, end to
// end through the danso command: a key made once; every write anchored; a
// log cut short with its head moved caught by the anchor, and the next write
// refused; a register row changed with the sqlite3 library found; a dropped
// table "broken" (exit 1, not 70); a backup verified and not overwriting;
// a restore refused while a program has the database, and for a damaged
// copy, done otherwise; the server anchoring at start and at stop, and
// refusing to start on a log that no longer reaches its anchor.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/accounts/crypto.h"
#include "store/sqlite/sqlite_store.h"

namespace fs = std::filesystem;

namespace {

struct Outcome_AuditCli {
  int code = -1;
  std::string out, err;
};

class AuditCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-audit-cli-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "a.db").string();
    std::ofstream(dir_ / "units.csv") << "code,name,level,parent_code,valid_from\n99,Tỉnh Thử,1,,2019-01-01\n"
                                         "990,Huyện Một,2,99,2019-01-01\n99001,Xã Hai,3,990,2019-01-01\n"
                                         "9900101,Thôn Đông,4,99001,2019-01-01\n";
    std::ofstream(dir_ / "households.csv")
        << "id,village_code,address,poverty,social_protection,ethnic_minority,registered_on\n"
           "1,9900101,Số 1 đường Thử,none,0,0,2020-01-01\n2,9900101,Số 2 đường Thử,none,0,0,2020-01-01\n";
    std::ofstream(dir_ / "persons.csv")
        << "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
           "registered_on\n11,1,Người Thử Một,M,1980-01-01,,head,Kinh,single,permanent,2020-01-01\n"
           "21,2,Người Thử Hai,F,1982-02-02,,head,Kinh,single,permanent,2020-01-01\n";
    ASSERT_EQ(run("init --db " + db_).code, 0);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The command with the audit key and anchor file in its environment when `anchored`.
  Outcome_AuditCli run(const std::string& args, bool anchored = false, const std::string& input = "") {
    std::ofstream(dir_ / "in.txt") << input;
    std::string env;
    if (anchored)
      env = "DANSO_AUDIT_KEY=" + (dir_ / "audit.key").string() + " DANSO_AUDIT_ANCHORS=" + anchors() + " ";
    const std::string cmd = env + DANSO_BINARY + " " + args + " < " + (dir_ / "in.txt").string() + " > " +
                            (dir_ / "out.txt").string() + " 2> " + (dir_ / "err.txt").string();
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir_ / "out.txt"), slurp(dir_ / "err.txt")};
  }
  static std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::string anchors() const { return (dir_ / "anchors.txt").string(); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  std::vector<std::string> anchor_lines() const {
    std::ifstream in(anchors());
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
  void sql(const std::string& file, const std::string& text) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, text.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  int64_t count(const std::string& file, const std::string& table) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, ("SELECT COUNT(*) FROM " + table).c_str(), -1, &st, nullptr);
    const int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }
  void import_register(bool anchored) {
    for (const char* kind : {"units", "households", "persons"})
      ASSERT_EQ(run("import --db " + db_ + " --kind " + kind + " " + path((std::string(kind) + ".csv").c_str()),
                    anchored)
                    .code,
                0);
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(AuditCli, EveryWriteIsAnchoredAndALogCutShortIsCaught) {
  const Outcome_AuditCli key = run("audit keygen --output " + path("audit.key"));
  ASSERT_EQ(key.code, 0) << key.err;
  EXPECT_NE(key.out.find("audit.key (bí mật / secret, mode 600)"), std::string::npos) << key.out;
  EXPECT_EQ(fs::status(path("audit.key")).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  const Outcome_AuditCli again = run("audit keygen --output " + path("audit.key"));
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.err.find("already exists; it is not overwritten"), std::string::npos) << again.err;

  import_register(true);
  const Outcome_AuditCli user = run("user add --db " + db_ + " --username qt.tinh --role administrator --unit 99", true,
                           "Mây-trắng-bay-2025\n");
  ASSERT_EQ(user.code, 0) << user.err;
  EXPECT_NE(user.err.find("audit log anchored"), std::string::npos) << user.err;
  const auto lines = anchor_lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[3].substr(0, 9), "anchor 4 ");

  const Outcome_AuditCli ok = run("audit verify --db " + db_ + " --register", true);
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out.substr(0, ok.out.find("(line")),
            "ok\n4 mục / entries\nneo / anchored: entry 4 ");
  EXPECT_NE(ok.out.find("); 0 mục sau neo / entries after it\nbản ghi / records: 9 read, 0 changed, 0 added, 0 deleted\n"),
            std::string::npos)
      << ok.out;
  // The public key is enough to verify.
  const Outcome_AuditCli pub = run("audit verify --db " + db_ + " --audit-key " + path("audit.key.pub") + " --audit-anchors " +
                          anchors());
  EXPECT_EQ(pub.code, 0) << pub.err;

  // The user's entry deleted and the head moved back onto the entry before:
  // the chain alone finds nothing, the anchor finds the log cut short.
  sql(db_, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 4; "
           "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit WHERE seq = 3); "
           "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'x'); END;");
  const Outcome_AuditCli alone = run("audit verify --db " + db_);
  EXPECT_EQ(alone.code, 0);
  EXPECT_NE(alone.err.find("was not checked against its anchors"), std::string::npos);
  const Outcome_AuditCli cut = run("audit verify --db " + db_, true);
  EXPECT_EQ(cut.code, 1);
  EXPECT_EQ(cut.out, "broken 4\n");
  EXPECT_NE(cut.err.find("Error: entry 4: the log was cut short: the anchor on line 4 ("), std::string::npos) << cut.err;
  EXPECT_NE(cut.err.find("records 4 entries, 3 remain"), std::string::npos) << cut.err;
  // Nothing is written on such a log.
  const Outcome_AuditCli refused = run("user add --db " + db_ + " --username cb.huyen --role viewer --unit 990", true,
                              "Mây-trắng-bay-2025\n");
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("nothing written"), std::string::npos) << refused.err;
  EXPECT_EQ(count(db_, "users"), 1);  // qt.tinh, whose entry was deleted; cb.huyen was not made
}

TEST_F(AuditCli, ARegisterRowChangedWithSqliteIsFound) {
  import_register(false);
  const Outcome_AuditCli clean = run("audit verify --db " + db_ + " --register");
  EXPECT_EQ(clean.code, 0) << clean.err;
  EXPECT_EQ(clean.out, "ok\n3 mục / entries\nbản ghi / records: 8 read, 0 changed, 0 added, 0 deleted\n");
  // The import's entry: the file's name, its SHA-256, the rows.
  sqlite3* db = nullptr;
  sqlite3_open(db_.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT action, kind, record, after, records FROM audit WHERE seq = 3", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "import");
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)), "persons.csv");
  const auto after = nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(st, 3)));
  EXPECT_EQ(after["sha256"], danso::accounts::sha256_hex(slurp(dir_ / "persons.csv")));
  EXPECT_EQ(after["written"], 2);
  EXPECT_EQ(sqlite3_column_int64(st, 4), 2);
  sqlite3_finalize(st);
  sqlite3_close(db);

  sql(db_, "UPDATE persons SET birth_date = '1979-01-01' WHERE id = 11");
  const Outcome_AuditCli changed = run("audit verify --db " + db_ + " --register");
  EXPECT_EQ(changed.code, 1);
  EXPECT_EQ(changed.out, "changed 1\n3 mục / entries\nbản ghi / records: 8 read, 1 changed, 0 added, 0 deleted\n");
  EXPECT_NE(changed.err.find("person 11: đã bị sửa ngoài DanSo / changed outside DanSo (mục ghi cuối / last audited "
                             "write: entry 3)"),
            std::string::npos)
      << changed.err;
}

TEST_F(AuditCli, ADroppedTableIsBrokenNotAnInternalError) {
  import_register(false);
  sql(db_, "DROP TABLE audit");
  const Outcome_AuditCli dropped = run("audit verify --db " + db_ + " --register");
  EXPECT_EQ(dropped.code, 1) << dropped.err;
  EXPECT_EQ(dropped.out, "broken 1\n");
  EXPECT_NE(dropped.err.find("Error: entry 1: the table audit of the audit log was dropped"), std::string::npos)
      << dropped.err;
}

TEST_F(AuditCli, ABackupIsVerifiedAndNeverOverwrites) {
  ASSERT_EQ(run("audit keygen --output " + path("audit.key")).code, 0);
  import_register(true);
  const Outcome_AuditCli b = run("backup --db " + db_ + " --output " + path("copy.db"), true);
  ASSERT_EQ(b.code, 0) << b.out << b.err;
  EXPECT_NE(b.out.find("  integrity_check: ok\n"), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("  nhật ký / audit log: ok, 3 mục / entries, neo / anchored: entry 3 (line 3)\n"),
            std::string::npos)
      << b.out;
  EXPECT_NE(b.out.find("  bản ghi / records: 8 read, 0 changed, 0 added, 0 deleted\n"), std::string::npos) << b.out;
  EXPECT_NE(b.out.find(" persons 2 "), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("Đã kiểm định / verified\n"), std::string::npos) << b.out;
  EXPECT_TRUE(fs::exists(path("copy.db")));
  EXPECT_FALSE(fs::exists(path("copy.db-wal")));
  for (const auto& f : fs::directory_iterator(dir_))
    EXPECT_EQ(f.path().filename().string().find(".part"), std::string::npos) << f.path();
  const Outcome_AuditCli again = run("backup --db " + db_ + " --output " + path("copy.db"));
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.err.find("already exists; it is not overwritten"), std::string::npos) << again.err;
  // A database changed behind DanSo's back copies, but is no backup.
  sql(db_, "UPDATE households SET address = 'Số 99' WHERE id = 2");
  const Outcome_AuditCli tampered = run("backup --db " + db_ + " --output " + path("copy2.db"));
  EXPECT_EQ(tampered.code, 1);
  EXPECT_NE(tampered.out.find("NOT VERIFIED"), std::string::npos) << tampered.out;
  EXPECT_FALSE(fs::exists(path("copy2.db")));
  EXPECT_TRUE(fs::exists(path("copy2.db.unverified")));
  EXPECT_NE(tampered.err.find("household 2: changed outside DanSo"), std::string::npos) << tampered.err;
}

TEST_F(AuditCli, ARestoreRefusesAnOpenDatabaseAndADamagedCopy) {
  ASSERT_EQ(run("audit keygen --output " + path("audit.key")).code, 0);
  import_register(true);
  ASSERT_EQ(run("backup --db " + db_ + " --output " + path("copy.db"), true).code, 0);
  ASSERT_EQ(run("user add --db " + db_ + " --username qt.tinh --role administrator --unit 99", true,
                "Mây-trắng-bay-2025\n")
                .code,
            0);

  // A DanSo program has the database open (this test's own store).
  {
    auto open = danso::open_sqlite_store(db_);
    ASSERT_TRUE(open.ok());
    const Outcome_AuditCli busy = run("restore --backup " + path("copy.db") + " --db " + db_, true);
    EXPECT_EQ(busy.code, 3);
    EXPECT_NE(busy.err.find("is open in a DanSo program"), std::string::npos) << busy.err;
  }
  // Another program (not DanSo) has an SQLite connection to it.
  {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      sqlite3* db = nullptr;
      sqlite3_open(db_.c_str(), &db);
      sqlite3_exec(db, "SELECT COUNT(*) FROM audit", nullptr, nullptr, nullptr);
      (void)!write(ready[1], "x", 1);
      pause();
      _exit(0);
    }
    char c = 0;
    ASSERT_EQ(read(ready[0], &c, 1), 1);
    const Outcome_AuditCli busy = run("restore --backup " + path("copy.db") + " --db " + db_, true);
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    close(ready[0]);
    close(ready[1]);
    EXPECT_EQ(busy.code, 3);
    EXPECT_NE(busy.err.find("is open in another program"), std::string::npos) << busy.err;
  }
  EXPECT_EQ(count(db_, "users"), 1);

  // A damaged copy is refused, and the database stays as it is.
  fs::copy_file(path("copy.db"), path("bad.db"));
  {
    std::fstream f(path("bad.db"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 + 64);
    const std::string junk(12000, '\x5a');
    f.write(junk.data(), std::streamsize(junk.size()));
  }
  const Outcome_AuditCli bad = run("restore --backup " + path("bad.db") + " --db " + db_, true);
  EXPECT_EQ(bad.code, 1) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("NOT RESTORED"), std::string::npos) << bad.out;
  EXPECT_EQ(count(db_, "users"), 1);

  // The copy put back: the user added after it is gone, the restore is in
  // the log, and the log verifies against its anchors from the restore on.
  const size_t lines_before = anchor_lines().size();
  const Outcome_AuditCli done = run("restore --backup " + path("copy.db") + " --db " + db_, true);
  ASSERT_EQ(done.code, 0) << done.out << done.err;
  EXPECT_NE(done.out.find("Đã khôi phục / restored: " + db_ + " (4 mục nhật ký / audit entries)"), std::string::npos)
      << done.out;
  EXPECT_EQ(count(db_, "users"), 0);
  EXPECT_FALSE(fs::exists(db_ + "-wal"));
  const auto lines = anchor_lines();
  ASSERT_EQ(lines.size(), lines_before + 1);
  EXPECT_EQ(lines.back().substr(0, 10), "restore 4 ");
  const Outcome_AuditCli verify = run("audit verify --db " + db_ + " --register", true);
  EXPECT_EQ(verify.code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("neo / anchored: entry 4"), std::string::npos) << verify.out;
  sqlite3* db = nullptr;
  sqlite3_open(db_.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT action, kind, record FROM audit WHERE seq = 4", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "restore");
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)), "copy.db");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// The server anchors the head when it starts and when it stops, in the
// anchor file and in its log; it does not start on a log cut short since.
TEST_F(AuditCli, TheServerAnchorsAtStartAndStopAndRefusesABrokenLog) {
  ASSERT_EQ(run("audit keygen --output " + path("audit.key")).code, 0);
  import_register(true);
  ASSERT_EQ(anchor_lines().size(), 3u);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string out = path("serve.out"), err = path("serve.err");
    (void)!freopen(out.c_str(), "w", stdout);
    (void)!freopen(err.c_str(), "w", stderr);
    setenv("DANSO_AUDIT_KEY", path("audit.key").c_str(), 1);
    setenv("DANSO_AUDIT_ANCHORS", anchors().c_str(), 1);
    execl(DANSO_BINARY, DANSO_BINARY, "serve", "--db", db_.c_str(), "--listen", "127.0.0.1:0", "--static",
          dir_.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  bool listening = false;
  for (int i = 0; i < 500 && !listening; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    listening = slurp(dir_ / "serve.out").find("listening on") != std::string::npos;
  }
  ASSERT_TRUE(listening) << slurp(dir_ / "serve.err");
  // Nothing written since the import's anchor: nothing new to anchor.
  EXPECT_EQ(anchor_lines().size(), 3u);
  // A user made meanwhile by a program that does not anchor: the server
  // anchors the head when it stops, and says so in its log.
  ASSERT_EQ(run("user add --db " + db_ + " --username qt.tinh --role administrator --unit 99", false,
                "Mây-trắng-bay-2025\n")
                .code,
            0);
  kill(child, SIGTERM);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const auto lines = anchor_lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[3].substr(0, 9), "anchor 4 ");
  const std::string log = slurp(dir_ / "serve.err");
  // The anchor's line among the log's (the server also logs when it has
  // read the names for the search).
  const auto key = log.find("\"audit_anchor\":");
  ASSERT_NE(key, std::string::npos) << log;
  const auto line_end = log.rfind('\n', key);
  const auto at = line_end == std::string::npos ? 0 : line_end + 1;
  ASSERT_EQ(log.compare(at, 8, "{\"time\":"), 0) << log;
  const auto entry = nlohmann::json::parse(log.substr(at, log.find('\n', at) - at));
  EXPECT_EQ(entry["audit_anchor"], lines[3]);
  EXPECT_EQ(run("audit verify --db " + db_, true).code, 0);

  sql(db_, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 4; "
           "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit WHERE seq = 3); "
           "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'x'); END;");
  const Outcome_AuditCli refused = run("serve --db " + db_ + " --listen 127.0.0.1:0", true);
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("not serving"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("the log no longer has entry 4"), std::string::npos) << refused.err;
}

}  // namespace
