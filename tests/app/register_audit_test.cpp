// Every write is audited, the command line's included, and the register
// can be checked against what its audited writes stored: an import is one
// audit entry per file (kind, name, SHA-256 of the file, rows) that holds
// the hash of every row it wrote; a row changed, added or deleted behind
// DanSo's back is named; a row changed together with its stored hash is
// found through the digest its entry holds; a clean register is clean.
#include <gtest/gtest.h>
#include <unistd.h>

#include <bit>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/accounts/audit_chain.h"
#include "app/accounts/crypto.h"
#include "app/import/import.h"
#include "app/register_loader.h"
#include "store/sqlite/record_hashes.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace danso {
namespace {

namespace fs = std::filesystem;

class RegisterAudit : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-regaudit-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "a.db").string();
    auto s = test::open_test_store(path_);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    import("units.csv",
           "code,name,level,parent_code,valid_from\n99,Tỉnh Thử,1,,2019-01-01\n990,Huyện Một,2,99,2019-01-01\n"
           "99001,Xã Một,3,990,2019-01-01\n9900101,Thôn Đông,4,99001,2019-01-01\n",
           ImportKind::kUnits);
    std::string households = "id,village_code,address,poverty,social_protection,ethnic_minority,registered_on\n";
    std::string persons =
        "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
        "registered_on\n";
    for (int h = 1; h <= 3; ++h) {
      households += std::to_string(h) + ",9900101,Số " + std::to_string(h) + " đường Thử,none,0,0,2020-01-01\n";
      persons += std::to_string(h * 10 + 1) + "," + std::to_string(h) + ",Người Thử " + std::to_string(h) +
                 ",M,1980-01-0" + std::to_string(h) + ",,head,Kinh,single,permanent,2020-01-01\n";
    }
    import("households.csv", households, ImportKind::kHouseholds);
    persons_text_ = persons;
    import("persons.csv", persons, ImportKind::kPersons);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  void import(const std::string& name, const std::string& text, ImportKind kind) {
    std::ofstream(dir_ / name) << text;
    ImportOptions o;
    o.file = (dir_ / name).string();
    o.kind = kind;
    o.today = Date::parse("2026-12-01").value();
    o.now = 1'764'547'200;  // 2025-12-01T00:00:00Z
    auto r = import_file(*store_, o);
    ASSERT_TRUE(r.ok()) << r.error().en;
    ASSERT_TRUE(r->committed) << name;
  }
  std::vector<AuditRecord> entries() {
    std::vector<AuditRecord> all;
    store_->for_each_audit([&](const AuditRecord& e) { all.push_back(e); });
    return all;
  }
  // Runs SQL on the file as another program would, with DanSo's hash
  // function at hand (whoever reads this code knows it too).
  void tamper(const std::string& sql) { sqlite::Db(path_).exec(sql); }

  fs::path dir_;
  std::string path_;
  std::string persons_text_;
  std::unique_ptr<Store> store_;
};

TEST_F(RegisterAudit, AnImportIsOneEntryPerFileHoldingItsRows) {
  const auto log = entries();
  ASSERT_EQ(log.size(), 3u);
  const AuditRecord& p = log[2];
  EXPECT_EQ(p.action, "import");
  EXPECT_EQ(p.kind, "file");
  EXPECT_EQ(p.record, "persons.csv");
  EXPECT_EQ(p.actor_name, "(dòng lệnh / command line)");
  EXPECT_EQ(p.at, "2025-12-01T00:00:00Z");
  const auto after = nlohmann::json::parse(p.after);
  EXPECT_EQ(after["kind"], "persons");
  EXPECT_EQ(after["file"], "persons.csv");
  EXPECT_EQ(after["sha256"], accounts::sha256_hex(persons_text_));
  EXPECT_EQ(after["rows"], 3);
  EXPECT_EQ(after["written"], 3);
  EXPECT_EQ(after["rejected"], 0);
  EXPECT_EQ(p.records, 3);
  EXPECT_EQ(p.records_digest.size(), 64u);
  EXPECT_EQ(log[0].records, 4);  // the four units
  EXPECT_EQ(log[1].records, 3);
  EXPECT_TRUE(accounts::verify_audit(*store_).ok);
  const auto r = accounts::verify_records(*store_, 10);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.scan.records, 10);
  EXPECT_TRUE(r.problems.empty());
  // Imported again unchanged: a new entry, the same rows, still clean.
  import("persons.csv", persons_text_, ImportKind::kPersons);
  EXPECT_EQ(entries().size(), 4u);
  EXPECT_EQ(entries()[3].records, 3);
  EXPECT_TRUE(accounts::verify_records(*store_, 10).ok);
}

// Files large enough to be written by COPY (on PostgreSQL straight into the
// tables, the foreign keys and indexes made again at the end): every row's
// hash is held by its entry, as for a small file; so is a second import of
// the same rows, which rewrites them.
TEST_F(RegisterAudit, ALargeImportHoldsEveryRowItWrote) {
  std::string households = "id,village_code,address,poverty,social_protection,ethnic_minority,registered_on\n";
  std::string persons =
      "id,household_id,name,sex,birth_date,citizen_id,relation,ethnicity,marital_status,residence_status,"
      "registered_on\n";
  for (int h = 1000; h < 2500; ++h) {
    const std::string id = std::to_string(h);
    households += id + ",9900101,Số " + id + " đường Thử,none,0,0,2020-01-01\n";
    persons += id + "1," + id + ",Người Thử " + id + ",F,1985-03-04,0011" + id + "0001,head,Kinh,single,permanent,"
               "2020-01-01\n";
  }
  import("households-large.csv", households, ImportKind::kHouseholds);
  import("persons-large.csv", persons, ImportKind::kPersons);
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), 1503);
  EXPECT_EQ(store_->count_rows(StoredTable::kResidence), 1503);
  EXPECT_EQ(entries().back().records, 1500);
  auto r = accounts::verify_records(*store_, 10);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.scan.records, 10 + 3000);
  EXPECT_TRUE(r.problems.empty());
  import("persons-large.csv", persons, ImportKind::kPersons);
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), 1503);
  EXPECT_EQ(store_->person_with_citizen_id("001110000001"), PersonId(10001));
  r = accounts::verify_records(*store_, 10);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.scan.records, 10 + 3000);
  EXPECT_TRUE(accounts::verify_audit(*store_).ok);
}

TEST_F(RegisterAudit, ARowChangedAddedOrDeletedOutsideDanSoIsNamed) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper("UPDATE persons SET name = 'Tên Khác' WHERE id = 21");
  auto r = accounts::verify_records(*store_, 10);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.scan.changed, 1);
  ASSERT_EQ(r.scan.findings.size(), 1u);
  EXPECT_EQ(r.scan.findings[0].kind, "person");
  EXPECT_EQ(r.scan.findings[0].record, "21");
  EXPECT_EQ(r.scan.findings[0].seq, 3);  // the persons import
  EXPECT_TRUE(r.problems.empty());       // the hashes themselves are intact
  tamper("PRAGMA foreign_keys = OFF; DELETE FROM persons WHERE id = 31; "
         "INSERT INTO households(id, village_id, address, poverty, social_protection, ethnic_minority, registered_on) "
         "SELECT 9, village_id, 'Số 9', 'none', 0, 0, '2020-01-01' FROM households WHERE id = 1");
  r = accounts::verify_records(*store_, 10);
  EXPECT_EQ(r.scan.changed, 1);
  EXPECT_EQ(r.scan.added, 1);
  EXPECT_EQ(r.scan.deleted, 1);
  ASSERT_EQ(r.scan.findings.size(), 3u);
  EXPECT_EQ(r.scan.findings[0].kind, "household");
  EXPECT_EQ(r.scan.findings[0].record, "9");
  EXPECT_EQ(r.scan.findings[0].what, RecordFinding::What::kAdded);
  EXPECT_EQ(r.scan.findings[2].record, "31");
  EXPECT_EQ(r.scan.findings[2].what, RecordFinding::What::kDeleted);
}

TEST_F(RegisterAudit, ARowChangedWithItsStoredHashIsFoundThroughItsEntry) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  // Person 21 renamed, and the hash kept for it replaced by the new row's,
  // so that the row and its hash agree.
  tamper("UPDATE persons SET name = 'Tên Khác' WHERE id = 21");
  std::string now_hash;
  {
    sqlite::Db db(path_);
    sqlite::Stmt h(db.handle(), std::string("SELECT ") + sqlite::hashed_table(sqlite::kPersonRecord).hash +
                                    " FROM persons WHERE id = 21");
    ASSERT_TRUE(h.step());
    now_hash = std::string(h.blob(0));
    sqlite::Stmt row(db.handle(), "SELECT hashes FROM record_hashes WHERE kind = 5 AND block = 0 AND seq = 3");
    ASSERT_TRUE(row.step());
    std::string blob(row.blob(0));
    // Keys 11, 21, 31 of block 0: 21 is the second hash after the bitmap.
    ASSERT_EQ(blob.size(), sqlite::kBlockKeys / 8 + 3 * sqlite::kRowHashBytes);
    blob.replace(sqlite::kBlockKeys / 8 + sqlite::kRowHashBytes, sqlite::kRowHashBytes, now_hash);
    sqlite::Stmt put(db.handle(), "UPDATE record_hashes SET hashes = ? WHERE kind = 5 AND block = 0 AND seq = 3");
    put.bind_blob(1, blob.data(), blob.size()).exec();
  }
  const auto r = accounts::verify_records(*store_, 10);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.scan.changed, 0);  // the row and its hash agree...
  ASSERT_EQ(r.problems.size(), 1u);  // ...but not with the entry that stored them
  EXPECT_EQ(r.problems[0].entry, 3);
  EXPECT_EQ(r.problems[0].en,
            "entry 3: the hashes of the records this entry stored no longer add up (3 found, the entry records 3): "
            "they were changed, added or deleted outside DanSo");
}

TEST_F(RegisterAudit, HashesAddedUnderAnEntryOrNoneAreFound) {
  if (test::tests_on_postgres()) GTEST_SKIP() << "opens the SQLite file behind the store";
  tamper("INSERT INTO record_hashes(kind, block, seq, hashes) VALUES (5, 1000, 2, zeroblob(46)), (5, 1001, 9, zeroblob(46))");
  const auto r = accounts::verify_records(*store_, 10);
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].entry, 2);
  EXPECT_EQ(r.problems[1].entry, 9);
  EXPECT_NE(r.problems[1].en.find("it records no record (or does not exist)"), std::string::npos) << r.problems[1].en;
}

TEST_F(RegisterAudit, ALoadedBatchIsOneEntryHoldingEveryRow) {
  RegisterBatch b;
  OrgUnit u;
  u.id = UnitId(100);
  u.code = "88";
  u.name = "Tỉnh Nạp";
  u.kind = UnitKind::kProvince;
  u.level = 1;
  u.valid_from = Date::parse("2019-01-01").value();
  b.units.push_back(u);
  ASSERT_TRUE(load_register(*store_, b, {}, {1'764'547'300, "a test batch"}).ok());
  const auto log = entries();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[3].action, "load");
  EXPECT_EQ(log[3].kind, "register");
  EXPECT_EQ(log[3].records, 1);
  EXPECT_EQ(nlohmann::json::parse(log[3].after)["source"], "a test batch");
  EXPECT_TRUE(accounts::verify_records(*store_, 10).ok);
}

}  // namespace
}  // namespace danso
