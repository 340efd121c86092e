// Record hashes of the SQLite adapter: keys as read, the baseline of an
// older database, a slip's hash across migration 20 (record_hashes_engine_test.cpp
// has what every engine does). The files beside the database: the lock a
// restore takes, a consistent copy, and a copy put in place.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "store/sqlite/database_file.h"
#include "store/sqlite/record_hashes.h"
#include "store/sqlite/sqlite_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

class RecordHashes : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-hashes-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> open(const std::string& name) {
    auto s = open_sqlite_store((dir_ / name).string(), {.create = true, .migrations = {}});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().en);
    return s.ok() ? std::move(*s) : nullptr;
  }

  static OrgUnit village() {
    OrgUnit u;
    u.id = UnitId(1);
    u.code = "9900101";
    u.name = "Thôn Một";
    u.kind = UnitKind::kVillage;
    u.valid_from = Date::parse("2019-01-01").value();
    return u;
  }
  static Household household(int64_t id) {
    Household h;
    h.id = HouseholdId(id);
    h.village = UnitId(1);
    h.address = "Số " + std::to_string(id);
    h.registered_on = Date::parse("2019-01-01").value();
    return h;
  }
  static Person person(int64_t id, const std::string& name = "") {
    Person p;
    p.id = PersonId(id);
    p.household = HouseholdId(1);
    p.name = name.empty() ? "Người Thử " + std::to_string(id) : name;
    p.birth_date = Date::parse("1990-01-01").value();
    p.registered_on = Date::parse("2019-01-01").value();
    return p;
  }

  // An entry holding what is pending, as app/accounts appends one (the
  // chain's own hashes are not the adapter's concern).
  static Status append_entry(Store& st, const char* what) {
    const auto head = st.audit_head();
    const RecordsDigest pending = st.pending_records();
    AuditRecord e;
    e.seq = head ? head->seq + 1 : 1;
    e.at = "2026-12-01T00:00:00Z";
    e.actor_name = "test";
    e.action = what;
    e.kind = "test";
    e.records = pending.count;
    e.records_digest = pending.digest;
    e.prev_hash = head ? head->hash : std::string(64, '0');
    e.hash = std::string(63, '0') + std::to_string(e.seq % 10);
    return st.append_audit(e);
  }

  // Writes the village, household 1 and `persons` in one audited transaction.
  void write(Store& st, const std::vector<Person>& persons) {
    const OrgUnit u = village();
    const Household h = household(1);
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    ASSERT_TRUE(st.upsert_households(std::span<const Household>(&h, 1)).ok());
    ASSERT_TRUE(st.upsert_persons(persons).ok());
    ASSERT_TRUE(append_entry(st, "write").ok());
    ASSERT_TRUE(tx.commit().ok());
  }

  void exec(const std::string& name, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / name).c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  fs::path dir_;
};

TEST_F(RecordHashes, KeysReadAsAPersonReadsThem) {
  EXPECT_EQ(sqlite::record_key_text(sqlite::kStaffRecord, 7LL * 100000000 + 20190101), "7 2019-01-01");
  EXPECT_EQ(sqlite::record_key_text(sqlite::kUnitLinkRecord, (3LL << 32) + 5), "3>5");
  EXPECT_EQ(sqlite::record_key_text(sqlite::kPersonRecord, 12), "12");
}

TEST_F(RecordHashes, ADatabaseOfAnEarlierVersionGetsTheBaselineOfItsRows) {
  const std::string path = (dir_ / "old.db").string();
  const auto all = sqlite::sqlite_migrations();
  {
    auto s = open_sqlite_store(path, {.create = true, .migrations = all.first(6)});
    ASSERT_TRUE(s.ok());
    const OrgUnit u = village();
    auto tx = (*s)->begin();
    ASSERT_TRUE((*s)->upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  auto s = open_sqlite_store(path);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->schema_version(), all.back().version);
  const RecordScan scan = (*s)->scan_records(10);
  EXPECT_EQ(scan.records, 1);
  EXPECT_EQ(scan.baseline, 1);
  EXPECT_EQ(scan.changed + scan.added + scan.deleted, 0);
  EXPECT_TRUE(scan.entries.empty());
}

// Migration 20 adds the spouse outside the register to the events: a slip
// stored before keeps its hash (the columns are hashed only when a spouse is
// named), and one naming such a spouse is hashed with them.
TEST_F(RecordHashes, ASlipKeepsItsHashAcrossMigration20AndASpouseOutsideTheRegisterIsHashed) {
  const std::string path = (dir_ / "old.db").string();
  const auto all = sqlite::sqlite_migrations();
  {
    auto s = open_sqlite_store(path, {.create = true, .migrations = all.first(6)});
    ASSERT_TRUE(s.ok());
  }
  exec("old.db",
       "INSERT INTO units(id, code, name, kind, level, valid_from) VALUES (1, '9900101', 'Thôn Một', 'village', 4, "
       "'2019-01-01'); INSERT INTO households(id, village_id, address, poverty, social_protection, ethnic_minority, "
       "registered_on) VALUES (1, 1, 'Số 1', 'none', 0, 0, '2019-01-01'); "
       "INSERT INTO persons(id, household_id, name, sex, birth_date, relation, ethnicity, marital, residence, "
       "registered_on) VALUES (1, 1, 'Người Một', 'M', '1990-01-01', 'head', 'Kinh', 'single', 'permanent', "
       "'2019-01-01'), (2, 1, 'Người Hai', 'F', '1991-01-01', 'spouse', 'Kinh', 'single', 'permanent', '2019-01-01'); "
       "INSERT INTO events(id, type, date, village_id, person_id, related_id, recorded_on) "
       "VALUES (1, 'marriage', '2024-05-01', 1, 1, 2, '2024-05-01')");
  auto s = open_sqlite_store(path);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ((*s)->schema_version(), all.back().version);
  RecordScan scan = (*s)->scan_records(10);
  EXPECT_EQ(scan.records, 5);
  EXPECT_EQ(scan.changed + scan.added + scan.deleted, 0);

  VitalEvent e;
  e.id = EventId(2);
  e.type = EventType::kDivorce;
  e.date = e.recorded_on = Date::parse("2024-09-01").value();
  e.village = UnitId(1);
  e.person = PersonId(1);
  e.spouse_name = "Người Ngoài Sổ";
  e.spouse_birth_year = 1991;
  e.spouse_nationality = "Lào";
  auto tx = (*s)->begin();
  ASSERT_TRUE((*s)->upsert_events(std::span<const VitalEvent>(&e, 1)).ok());
  ASSERT_TRUE(append_entry(**s, "slip").ok());
  ASSERT_TRUE(tx.commit().ok());
  scan = (*s)->scan_records(10);
  EXPECT_EQ(scan.records, 6);
  EXPECT_EQ(scan.changed + scan.added + scan.deleted, 0);
  EXPECT_EQ((*s)->find_event(EventId(2))->spouse_nationality, "Lào");
  exec("old.db", "UPDATE events SET spouse_address = 'Tỉnh Khác' WHERE id = 2; "
                 "UPDATE events SET spouse_name = 'Ai Đó' WHERE id = 1");
  scan = (*s)->scan_records(10);
  EXPECT_EQ(scan.changed, 2);
}

// --- The database file ------------------------------------------------------

TEST_F(RecordHashes, ARestoreIsRefusedWhileAProgramHasTheDatabase) {
  const std::string path = (dir_ / "a.db").string();
  {
    auto st = open("a.db");
    auto lock = sqlite::lock_database_exclusive(path);
    ASSERT_FALSE(lock.ok());
    EXPECT_EQ(lock.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(lock.error().en.find("is open in a DanSo program"), std::string::npos) << lock.error().en;
  }
  auto lock = sqlite::lock_database_exclusive(path);
  ASSERT_TRUE(lock.ok());
  // Nothing opens the database while the restore holds it.
  auto refused = open_sqlite_store(path);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().en.find("is being restored"), std::string::npos);
}

TEST_F(RecordHashes, ACopyIsTheDatabaseAtOneMomentAndReadsBackSound) {
  auto st = open("a.db");
  write(*st, {person(1), person(2)});
  const std::string copy = (dir_ / "copy.db").string();
  auto made = sqlite::backup_sqlite((dir_ / "a.db").string(), copy);
  ASSERT_TRUE(made.ok()) << made.error().en;
  EXPECT_GT(made->bytes, 0);
  auto persons = std::find_if(made->counts.begin(), made->counts.end(),
                              [](const sqlite::TableCount& t) { return t.table == "persons"; });
  ASSERT_NE(persons, made->counts.end());
  EXPECT_EQ(persons->rows, 2);
  EXPECT_FALSE(fs::exists(copy + "-wal"));
  EXPECT_EQ(fs::status(copy).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  auto again = sqlite::backup_sqlite((dir_ / "a.db").string(), copy);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

  auto check = sqlite::check_sqlite_copy(copy);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->integrity, "ok");
  EXPECT_EQ(check->counts.size(), made->counts.size());
  auto read = open_sqlite_copy(copy);
  ASSERT_TRUE(read.ok()) << read.error().en;
  EXPECT_EQ((*read)->count_rows(StoredTable::kPersons), 2);
  EXPECT_FALSE(fs::exists(copy + "-shm"));

  // A copy damaged in the middle is not sound.
  const std::string bad = (dir_ / "bad.db").string();
  fs::copy_file(copy, bad);
  {
    std::fstream f(bad, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 + 100);
    const std::string junk(16000, '\x5a');
    f.write(junk.data(), std::streamsize(junk.size()));
  }
  auto damaged = sqlite::check_sqlite_copy(bad);
  ASSERT_TRUE(damaged.ok());
  EXPECT_NE(damaged->integrity, "ok");
}

TEST_F(RecordHashes, ACopyPutInPlaceTakesTheOldWalWithIt) {
  const std::string db = (dir_ / "a.db").string(), copy = (dir_ / "copy.db").string();
  std::ofstream(db) << "old";
  std::ofstream(db + "-wal") << "old wal";
  std::ofstream(db + "-shm") << "old shm";
  std::ofstream(copy) << "new";
  fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  fs::permissions(copy, fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_TRUE(sqlite::place_database(copy, db).ok());
  EXPECT_EQ(fs::status(db).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_FALSE(fs::exists(db + "-wal"));
  EXPECT_FALSE(fs::exists(db + "-shm"));
  EXPECT_FALSE(fs::exists(copy));
  std::ifstream in(db);
  std::string text;
  in >> text;
  EXPECT_EQ(text, "new");
  // A name taken is never replaced.
  std::ofstream(copy) << "newer";
  auto taken = sqlite::rename_no_replace(copy, db);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
}

}  // namespace
