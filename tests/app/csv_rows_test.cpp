// The shape of a CSV file's rows and the text of its fields, read from real
// files by every importer: a row with more or fewer fields than the header
// is refused naming its row (never cut or filled in); a CR outside quotes
// that is not part of a CRLF refuses the file naming the row (never taken as
// the end of a row); a control character or NUL in a text column is refused
// naming the row and the column. A file with CRLF line ends is read as one
// with LF.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/demography_io/lifetable_io.h"
#include "app/import/import.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;
using namespace std::string_literals;

namespace {

const char* kUnitsCsv =
    "code,name,kind,level,parent_code,valid_from,valid_to\n"
    "99,Tỉnh Thử,province,1,,2019-01-01,\n"
    "990,Huyện Một,district,2,99,2019-01-01,\n"
    "99001,Xã Một,commune,3,990,2019-01-01,\n"
    "9900101,Thôn Đông,village,4,99001,2019-01-01,\n";
const char* kHouseholdsHeader = "id,village_code,address,poverty,social_protection,ethnic_minority,registered_on\n";
const char* kPersonsHeader = "id,household_id,name,sex,birth_date,citizen_id,ethnicity,registered_on\n";

class CsvRows : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-csvrows-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = test::open_test_store((dir_ / "r.db").string());
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    auto r = run(ImportKind::kUnits, kUnitsCsv);
    ASSERT_TRUE(r.ok() && r->committed) << (r.ok() ? "" : r.error().en);
    r = run(ImportKind::kHouseholds, std::string(kHouseholdsHeader) + "1,9900101,Số 1,none,0,0,2019-01-01\n");
    ASSERT_TRUE(r.ok() && r->committed) << (r.ok() ? "" : r.error().en);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  Result<ImportReport> run(ImportKind kind, const std::string& bytes, bool skip = false,
                           const std::string& name = "in.csv") {
    const std::string file = (dir_ / name).string();
    std::ofstream(file, std::ios::binary) << bytes;
    ImportOptions o;
    o.file = file;
    o.kind = kind;
    o.today = Date::parse("2026-01-01").value();
    o.skip_bad_rows = skip;
    o.valid_from = Date::parse("2025-07-01").value();
    return import_file(*store_, o);
  }

  // The file is read, refused, nothing written, and its issues are exactly
  // `expected` (row, column, a part of the English reason).
  struct Expected {
    size_t row;
    std::string column, en;
  };
  void refused(ImportKind kind, StoredTable table, const std::string& bytes, const std::vector<Expected>& expected) {
    const int64_t before = store_->count_rows(table);
    auto r = run(kind, bytes);
    ASSERT_TRUE(r.ok()) << r.error().en;
    EXPECT_FALSE(r->committed);
    EXPECT_EQ(store_->count_rows(table), before);
    ASSERT_EQ(r->issues.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      const RowIssue& got = r->issues[i];
      EXPECT_EQ(got.row, expected[i].row) << format_issue(got);
      EXPECT_EQ(got.column, expected[i].column) << format_issue(got);
      EXPECT_NE(got.en.find(expected[i].en), std::string::npos) << format_issue(got);
      EXPECT_FALSE(got.vi.empty());
      EXPECT_NE(got.vi, got.en);
    }
  }
  // The file is refused whole (a structural error) with a message holding `en`.
  void refused_whole(ImportKind kind, StoredTable table, const std::string& bytes, const std::string& en) {
    const int64_t before = store_->count_rows(table);
    auto r = run(kind, bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().en.find(en), std::string::npos) << r.error().en;
    EXPECT_FALSE(r.error().vi.empty());
    EXPECT_EQ(store_->count_rows(table), before);
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(CsvRows, ARowWithMoreFieldsThanTheHeaderIsRefusedNamingIt) {
  refused(ImportKind::kHouseholds, StoredTable::kHouseholds,
          std::string(kHouseholdsHeader) + "2,9900101,Số 2,none,0,0,2019-01-01\n"
                                           "3,9900101,Số 3, ngõ 4,none,0,0,2019-01-01\n"  // the comma outside quotes
                                           "4,9900101,Số 4,none,0,0,2019-01-01\n",
          {{3, "", "the row has 8 fields but the header has 7 columns (extra fields"}});
}

TEST_F(CsvRows, ARowWithFewerFieldsIsRefusedNamingItAndNothingElseIsSaidOfIt) {
  // Without the rule row 3 would take defaults and be written; row 4 lacks
  // required fields too, but only its shape is reported.
  refused(ImportKind::kHouseholds, StoredTable::kHouseholds,
          std::string(kHouseholdsHeader) + "2,9900101,Số 2,none,0,0,2019-01-01\n"
                                           "3,9900101,Số 3,none,0,0\n"
                                           "4\n",
          {{3, "", "the row has 6 fields but the header has 7 columns (fields missing)"},
           {4, "", "the row has 1 fields but the header has 7 columns"}});
}

TEST_F(CsvRows, SkippingBadRowsPutsAMisshapenRowInTheRejectsFile) {
  auto r = run(ImportKind::kHouseholds,
               std::string(kHouseholdsHeader) + "2,9900101,Số 2,none,0,0,2019-01-01\n"
                                                "3,9900101,Số 3,none,0,0,2019-01-01,x\n",
               true);
  ASSERT_TRUE(r.ok()) << r.error().en;
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->written, 1u);
  EXPECT_EQ(r->rejected, 1u);
  EXPECT_EQ(store_->count_rows(StoredTable::kHouseholds), 2);
  std::ifstream in(r->rejects_file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("in.csv,3,,,"), std::string::npos) << text.str();
}

TEST_F(CsvRows, AStrayCrRefusesTheFileNamingTheRow) {
  // Between two rows: without the rule, a second row.
  refused_whole(ImportKind::kHouseholds, StoredTable::kHouseholds,
                std::string(kHouseholdsHeader) + "2,9900101,Số 2,none,0,0,2019-01-01\r\n"
                                                 "3,9900101,Số 3,none,0,0,2019-01-01\r"
                                                 "4,9900101,Số 4,none,0,0,2019-01-01\r\n",
                "in.csv: row 3 holds a stray CR (\\r) outside quotes");
  // Inside a row: without the rule, a row cut in two.
  refused_whole(ImportKind::kHouseholds, StoredTable::kHouseholds,
                std::string(kHouseholdsHeader) + "2,9900101,Số 2\r,none,0,0,2019-01-01\n", "row 2 holds a stray CR");
  // Two CRs before the LF.
  refused_whole(ImportKind::kHouseholds, StoredTable::kHouseholds,
                std::string(kHouseholdsHeader) + "2,9900101,Số 2,none,0,0,2019-01-01\r\r\n", "row 2 holds a stray CR");
  // A file with old Mac line ends (CR alone): its header row.
  refused_whole(ImportKind::kHouseholds, StoredTable::kHouseholds,
                "id,village_code,registered_on\r2,9900101,2019-01-01\r", "row 1 holds a stray CR");
  // The last byte of the file.
  refused_whole(ImportKind::kHouseholds, StoredTable::kHouseholds,
                std::string(kHouseholdsHeader) + "2,9900101,Số 2,none,0,0,2019-01-01\r", "row 2 holds a stray CR");
}

TEST_F(CsvRows, CrlfLineEndsAndBlankLinesAreRead) {
  auto r = run(ImportKind::kHouseholds,
               "id,village_code,address,registered_on\r\n"
               "2,9900101,\"Số 2, ngõ 3\",2019-01-01\r\n"
               "\r\n"
               "3,9900101,Số 3,2019-01-01\r\n");
  ASSERT_TRUE(r.ok()) << r.error().en;
  for (const auto& i : r->issues) ADD_FAILURE() << format_issue(i);
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(store_->count_rows(StoredTable::kHouseholds), 3);
  EXPECT_EQ(store_->find_household(HouseholdId(2))->address, "Số 2, ngõ 3");
  EXPECT_EQ(store_->find_household(HouseholdId(3))->address, "Số 3");
  // A blank line is a row of the spreadsheet: the bad row after one is row 4.
  refused(ImportKind::kHouseholds, StoredTable::kHouseholds,
          "id,village_code,registered_on\n2,9900101,2019-01-01\n\n5,9900101,2019-13-01\n",
          {{4, "registered_on", "not a valid date"}});
}

TEST_F(CsvRows, AControlCharacterInATextColumnIsRefusedNamingRowAndColumn) {
  refused(ImportKind::kPersons, StoredTable::kPersons,
          std::string(kPersonsHeader) +
              "1,1,\"Lê\tVăn A\",M,1990-01-01,,,2019-01-01\n"        // a tab inside quotes
              "2,1,Lê Văn\tB,M,1990-01-01,,,2019-01-01\n"            // a tab outside them
              "3,1,\"Lê Văn\nC\",M,1990-01-01,,,2019-01-01\n"        // a line break in a name
              "4,1,\"Lê Văn\r\nD\",M,1990-01-01,,,2019-01-01\n"      // a CRLF in a name
              "5,1,Lê Văn E,M,1990-01-01,,Kinh\x7F,2019-01-01\n"     // DEL
              "6,1,\x1B[31mLê Văn F,M,1990-01-01,,,2019-01-01\n"     // a terminal escape
              "7,1,Lê Văn G,M,1990-01-01,\"0993010\x00" "00123\",,2019-01-01\n"s  // NUL
              "8,1,Lê Văn H,M,1990-01-01,,,2019-01-01\n",
          {{2, "name", "control character U+0009 (TAB) at character 3"},
           {3, "name", "control character U+0009 (TAB)"},
           {4, "name", "control character U+000A (LF)"},
           {5, "name", "control character U+000D (CR)"},
           {6, "ethnicity", "control character U+007F (DEL)"},
           {7, "name", "control character U+001B (ESC)"},
           {8, "citizen_id", "control character U+0000 (NUL)"}});
}

TEST_F(CsvRows, ControlCharactersAreRefusedInTheTextOfEveryKindOfFile) {
  refused(ImportKind::kUnits, StoredTable::kUnits,
          "code,name,kind,level,parent_code,valid_from\n9900102,\"Thôn\nTây\",village,4,99001,2019-01-01\n",
          {{2, "name", "U+000A (LF)"}});
  refused(ImportKind::kStaff, StoredTable::kStaffAssignments,
          "id,name,role,unit_code,start\n7,\"Cán Bộ\rBảy\",collaborator,9900101,2019-01-01\n",
          {{2, "name", "U+000D (CR)"}});
  refused(ImportKind::kEvents, StoredTable::kEvents,
          "id,type,date,village_code,person_id,place\n1,death,2024-01-01,9900101,1,\"Trạm\ty tế\"\n",
          {{2, "place", "U+0009 (TAB)"}});
  // The national unit list (JSON): a name with a control character.
  const int64_t units = store_->count_rows(StoredTable::kUnits);
  auto r = run(ImportKind::kUnits, R"([{"Code": "98", "FullName": "Tỉnh\u0007Khác", "Wards": []}])", false,
               "units.json");
  ASSERT_TRUE(r.ok()) << r.error().en;
  EXPECT_FALSE(r->committed);
  ASSERT_EQ(r->issues.size(), 1u);
  EXPECT_EQ(r->issues[0].column, "[0].FullName");
  EXPECT_NE(r->issues[0].en.find("U+0007"), std::string::npos) << r->issues[0].en;
  EXPECT_EQ(store_->count_rows(StoredTable::kUnits), units);
}

TEST_F(CsvRows, AnIssueShowsAControlCharacterEscapedNeverAsItIs) {
  auto r = run(ImportKind::kPersons, std::string(kPersonsHeader) + "1,1,\x1B]0;pwned\x07Lê,M,1990-01-01,,,2019-01-01\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->issues.size(), 1u);
  const std::string shown = format_issue(r->issues[0]);
  EXPECT_EQ(shown.find('\x1B'), std::string::npos) << shown;
  EXPECT_EQ(shown.find('\x07'), std::string::npos) << shown;
  EXPECT_NE(shown.find("\\x1B]0;pwned\\x07Lê"), std::string::npos) << shown;
}

TEST_F(CsvRows, ALifeTableRowOfTheWrongShapeIsRefusedNamingIt) {
  const fs::path file = dir_ / "lt.csv";
  std::ofstream(file, std::ios::binary) << "age,n,mx\n0,1,0.02\n1,4,0.001,7\n5,,0.3\n";
  auto t = life_table_from_csv(file.string(), {});
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().en.find("lt.csv, row 3: the row has 4 fields but the header has 3 columns"), std::string::npos)
      << t.error().en;
  std::ofstream(file, std::ios::binary | std::ios::trunc) << "age,n,mx\n0,1,0.02\n1,4\n5,,0.3\n";
  t = life_table_from_csv(file.string(), {});
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().en.find("row 3: the row has 2 fields"), std::string::npos) << t.error().en;
  std::ofstream(file, std::ios::binary | std::ios::trunc) << "age,n,mx\n0,1,0.02\n1,4,0.001\n5,,0.3\n";
  EXPECT_TRUE(life_table_from_csv(file.string(), {}).ok());
}

}  // namespace
