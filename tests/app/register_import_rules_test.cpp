// Every validation rule of the importers: a file with one bad row is refused
// whole, nothing is written, and the issue names the row, column and value
// with a reason in Vietnamese and English.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/export/export.h"
#include "app/import/import.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

class ImportRules : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-rules-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = test::open_test_store((dir_ / "r.db").string());
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    // A small register: one province, district, commune, two villages (one
    // ends on 2022-12-31), staff, three households and six persons.
    ok(ImportKind::kUnits,
       "code,name,kind,level,parent_code,valid_from,valid_to\n"
       "99,Tỉnh Thử,province,1,,2019-01-01,\n"
       "990,Huyện Một,district,2,99,2019-01-01,\n"
       "99001,Xã Hai,commune,3,990,2019-01-01,\n"
       "9900101,Thôn Đông,village,4,99001,2019-01-01,\n"
       "9900102,Thôn Cũ,village,4,99001,2019-01-01,2022-12-31\n");
    ok(ImportKind::kStaff, "id,name,role,unit_code,start\n7,Cán Bộ Bảy,collaborator,9900101,2019-01-01\n");
    ok(ImportKind::kHouseholds,
       "id,village_code,registered_on\n1,9900101,2019-01-01\n2,9900101,2019-01-01\n3,9900102,2019-01-01\n");
    ok(ImportKind::kPersons,
       "id,household_id,name,sex,birth_date,citizen_id,registered_on\n"
       "1,1,Trần Thị Mẹ,F,1990-05-05,990000000001,2019-01-01\n"
       "2,1,Lê Văn Bố,M,1988-01-01,990000000002,2019-01-01\n"
       "3,2,Phạm Thị Trẻ,F,2007-06-01,,2019-01-01\n"
       "4,2,Đỗ Văn Trẻ,M,2004-03-01,,2019-01-01\n"
       "5,1,Lê Thị Con,F,2021-03-01,,2021-03-01\n"
       "6,1,Lê Văn Già,M,1940-01-01,,2019-01-01\n");
    ok(ImportKind::kEvents,
       "id,type,date,village_code,person_id,related_id,birth_order,recorded_by\n"
       "1,birth,2021-03-01,9900101,5,1,1,7\n");
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  Result<ImportReport> run(ImportKind kind, const std::string& csv, bool skip = false, const std::string& name = "in.csv") {
    const std::string file = (dir_ / name).string();
    std::ofstream(file, std::ios::binary) << csv;
    ImportOptions o;
    o.file = file;
    o.kind = kind;
    o.today = Date::parse("2026-01-01").value();
    o.skip_bad_rows = skip;
    return import_file(*store_, o);
  }
  void ok(ImportKind kind, const std::string& csv) {
    auto r = run(kind, csv);
    ASSERT_TRUE(r.ok()) << r.error().en;
    for (const auto& i : r->issues) ADD_FAILURE() << format_issue(i);
    ASSERT_TRUE(r->committed);
  }
  // Asserts the file is refused with an issue at (row, column) and nothing is written.
  void refused(ImportKind kind, StoredTable table, const std::string& csv, size_t row, const std::string& column,
               const std::string& value, const std::string& en_part) {
    const int64_t before = store_->count_rows(table);
    auto r = run(kind, csv);
    ASSERT_TRUE(r.ok()) << r.error().en;
    EXPECT_FALSE(r->committed);
    EXPECT_EQ(store_->count_rows(table), before);
    bool seen = false;
    for (const auto& i : r->issues) {
      if (i.row == row && i.column == column) {
        seen = true;
        EXPECT_EQ(i.value, value);
        EXPECT_NE(i.en.find(en_part), std::string::npos) << i.en;
        EXPECT_FALSE(i.vi.empty());
        EXPECT_EQ(i.file, "in.csv");
      }
    }
    EXPECT_TRUE(seen) << "no issue at row " << row << " column " << column << "; got " << r->issues.size()
                      << (r->issues.empty() ? "" : ": " + format_issue(r->issues[0]));
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

const char* kPersonsHeader = "id,household_id,name,sex,birth_date,citizen_id,registered_on\n";
const char* kEventsHeader = "id,type,date,village_code,person_id,related_id,birth_order,method,conditions,child_marriage\n";

TEST_F(ImportRules, RequiredFieldMissing) {
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "10,1,,F,1990-01-01,,\n", 2, "name", "",
          "required value missing");
}

TEST_F(ImportRules, MissingColumnRefusesTheFile) {
  auto r = run(ImportKind::kPersons, "id,household_id,name\n10,1,A\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().en.find("missing required columns: sex, birth_date"), std::string::npos) << r.error().en;
}

TEST_F(ImportRules, NotAnInteger) {
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "x1,1,Tên,F,1990-01-01,,\n", 2, "id", "x1",
          "not an integer");
}

TEST_F(ImportRules, BadDate) {
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "10,1,Tên,F,2023-02-29,,\n", 2,
          "birth_date", "2023-02-29", "not a valid date");
}

TEST_F(ImportRules, BadEnumValue) {
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "10,1,Tên,X,1990-01-01,,\n", 2, "sex", "X",
          "allowed: M, F");
}

TEST_F(ImportRules, FutureBirth) {
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "10,1,Tên,F,2026-06-01,,2026-06-01\n", 2,
          "birth_date", "2026-06-01", "in the future");
}

TEST_F(ImportRules, CitizenIdNotTwelveDigits) {
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "10,1,Tên,F,1990-01-01,99123,\n", 2,
          "citizen_id", "99123", "exactly 12 digits");
}

TEST_F(ImportRules, CitizenIdTakenInTheDatabase) {
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "10,1,Tên,F,1990-01-01,990000000001,\n", 2,
          "citizen_id", "990000000001", "already belongs to person 1");
}

TEST_F(ImportRules, CitizenIdRepeatedInTheFile) {
  refused(ImportKind::kPersons, StoredTable::kPersons,
          std::string(kPersonsHeader) + "10,1,A,F,1990-01-01,990000000010,\n11,1,B,F,1990-01-01,990000000010,\n", 3,
          "citizen_id", "990000000010", "repeated from row 2");
}

TEST_F(ImportRules, UnknownHousehold) {
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "10,77,Tên,F,1990-01-01,,\n", 2,
          "household_id", "77", "no household with id 77");
}

TEST_F(ImportRules, DuplicateIdInFile) {
  refused(ImportKind::kHouseholds, StoredTable::kHouseholds, "id,village_code,registered_on\n20,9900101,2020-01-01\n20,9900101,2020-01-01\n",
          3, "id", "20", "duplicate id");
}

TEST_F(ImportRules, UnknownVillage) {
  refused(ImportKind::kHouseholds, StoredTable::kHouseholds, "id,village_code,registered_on\n20,9999999,2020-01-01\n", 2,
          "village_code", "9999999", "unknown unit code");
}

TEST_F(ImportRules, VillageCodeNotValidOnTheDate) {
  refused(ImportKind::kHouseholds, StoredTable::kHouseholds, "id,village_code,registered_on\n20,9900102,2023-05-01\n", 2,
          "village_code", "9900102", "not valid on 2023-05-01");
}

// recorded_by names a staff member of the register: an unknown one is
// refused, in a file of one row as of twenty (a slip's: RegisterScope).
TEST_F(ImportRules, ARecorderWhoIsNoStaffMemberIsRefused) {
  const std::string header = "id,type,date,village_code,person_id,recorded_by\n";
  refused(ImportKind::kEvents, StoredTable::kEvents, header + "2,elderly_health_check,2024-01-02,9900101,6,8\n", 2,
          "recorded_by", "8", "no staff member with this id");
  ok(ImportKind::kEvents, header + "3,elderly_health_check,2024-01-03,9900101,6,7\n");
  std::string staff = "id,name,role,unit_code,start\n";
  for (int id = 100; id < 120; ++id)
    staff += std::to_string(id) + ",Cán Bộ " + std::to_string(id) + ",collaborator,9900101,2019-01-01\n";
  ok(ImportKind::kStaff, staff);
  std::string many = header, bad = header;
  for (int i = 0; i < 20; ++i) {
    const std::string row = std::to_string(10 + i) + ",elderly_health_check,2024-02-" + (i < 9 ? "0" : "") +
                            std::to_string(i + 1) + ",9900101,6,";
    many += row + std::to_string(100 + i) + "\n";
    bad += row + (i == 12 ? std::string("99") : std::to_string(100 + i)) + "\n";
  }
  refused(ImportKind::kEvents, StoredTable::kEvents, bad, 14, "recorded_by", "99", "no staff member with this id");
  ok(ImportKind::kEvents, many);
  EXPECT_EQ(store_->find_event(EventId(29))->recorded_by, StaffId(119));
}

TEST_F(ImportRules, EventAfterDeath) {
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "2,death,2024-01-10,9900101,6,,,,,\n");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,elderly_health_check,2024-02-01,9900101,6,,,,,\n",
          2, "date", "2024-02-01", "after the person's death on 2024-01-10");
}

// A baby who dies on the day of birth: the birth and the death are both
// recorded (one file, or the death after the birth), and counted as a birth
// and an infant death while the baby counts in no population.
TEST_F(ImportRules, ABabyWhoDiesOnTheDayOfBirthIsRecorded) {
  ok(ImportKind::kPersons, std::string(kPersonsHeader) + "20,1,Bé Mẫu,M,2025-03-01,,2025-03-01\n"
                                                         "21,1,Bé Mẫu Hai,F,2025-04-02,,2025-04-02\n");
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "3,birth,2025-03-01,9900101,20,1,2,,,\n"
                                                       "4,death,2025-03-01,9900101,20,,,,,\n");
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "5,birth,2025-04-02,9900101,21,1,3,,,\n");
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "6,death,2025-04-02,9900101,21,,,,,\n");
  EXPECT_EQ(store_->find_event(EventId(4))->village, store_->find_event(EventId(3))->village);
}

TEST_F(ImportRules, AMarriageOfTwoPersonsOfTheSameSexIsRefused) {
  ok(ImportKind::kPersons, std::string(kPersonsHeader) + "22,2,Ngô Thị Mẫu,F,1995-01-01,,2019-01-01\n");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "7,marriage,2025-05-01,9900101,3,22,,,,0\n",
          2, "related_id", "22", "Law on Marriage and Family 2014");
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "8,marriage,2025-05-01,9900101,22,4,,,,0\n");
}

// Marrying while married is refused (Law on Marriage and Family 2014, art.
// 5.2.c); a divorce or the spouse's death ends the marriage.
TEST_F(ImportRules, AMarriedPersonMarriesOnlyAfterADivorceOrTheSpousesDeath) {
  ok(ImportKind::kPersons, std::string(kPersonsHeader) + "22,2,Ngô Thị Mẫu,F,1995-01-01,,2019-01-01\n"
                                                         "23,2,Vũ Văn Mẫu,M,1990-01-01,,2019-01-01\n");
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "9,marriage,2020-01-01,9900101,1,2,,,,0\n");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "11,marriage,2024-06-01,9900101,1,4,,,,0\n",
          2, "person_id", "1", "married (on 2020-01-01, event 9, not divorced)");
  // The other side of the same marriage is married too.
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "11,marriage,2024-06-01,9900101,22,2,,,,0\n",
          2, "related_id", "2", "art. 5.2.c");
  // Divorced in 2023: free to marry in 2024 (one file).
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "10,divorce,2023-05-01,9900101,1,2,,,,\n"
                                                       "11,marriage,2024-06-01,9900101,1,4,,,,0\n");
  // A widow: her husband's death ends the marriage.
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "12,marriage,2021-01-01,9900101,22,6,,,,0\n"
                                                       "13,death,2022-01-01,9900101,6,,,,,\n"
                                                       "14,marriage,2023-01-01,9900101,22,23,,,,0\n");
}

// The same slip sent twice (same type, person and day; a marriage written
// from either spouse's side) is refused, in the register or in the file.
TEST_F(ImportRules, TheSameSlipSentTwiceIsRefused) {
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "9,marriage,2020-01-01,9900101,1,2,,,,0\n"
                                                       "10,pregnancy,2025-02-01,9900101,1,,,,,\n");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "11,marriage,2020-01-01,9900101,2,1,,,,0\n",
          2, "type", "marriage", "duplicate slip: event 9 has the same type, person and date");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "11,pregnancy,2025-02-01,9900101,1,,,,,\n",
          2, "type", "pregnancy", "duplicate slip: event 10");
  refused(ImportKind::kEvents, StoredTable::kEvents,
          std::string(kEventsHeader) + "11,prenatal_screening,2025-03-01,9900101,1,,,,2,\n"
                                       "12,prenatal_screening,2025-03-01,9900101,1,,,,2,\n",
          3, "type", "prenatal_screening", "duplicate slip: event 11");
  // The same file again rewrites its own rows: no duplicate of itself.
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "10,pregnancy,2025-02-01,9900101,1,,,,,\n");
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "11,pregnancy,2025-03-01,9900101,1,,,,,\n");
}

TEST_F(ImportRules, EventBeforeBirth) {
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,health_insurance_card,2020-01-01,9900101,5,,,,,\n",
          2, "date", "2020-01-01", "before the person's birth");
}

TEST_F(ImportRules, FutureEvent) {
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,health_insurance_card,2026-03-01,9900101,1,,,,,\n",
          2, "date", "2026-03-01", "in the future");
}

TEST_F(ImportRules, MotherMustBeFemale) {
  ok(ImportKind::kPersons, std::string(kPersonsHeader) + "20,1,Con Mới,M,2024-04-01,,2024-04-01\n");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,birth,2024-04-01,9900101,20,2,1,,,\n", 2,
          "related_id", "2", "must be female");
}

TEST_F(ImportRules, MotherAgedNineOrSixtyOneRefusedTenAndSixtyAccepted) {
  ok(ImportKind::kPersons, std::string(kPersonsHeader) +
                               "30,1,Mẹ Chín,F,2010-06-02,,2019-01-01\n31,1,Mẹ Mười,F,2010-01-01,,2019-01-01\n"
                               "32,1,Mẹ Sáu Mốt,F,1960-01-01,,2019-01-01\n33,1,Mẹ Sáu Mươi,F,1961-06-01,,2019-01-01\n"
                               "40,1,Con A,F,2020-06-01,,2020-06-01\n41,1,Con B,F,2020-06-01,,2020-06-01\n"
                               "42,1,Con C,M,2021-06-01,,2021-06-01\n43,1,Con D,M,2021-06-01,,2021-06-01\n");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "10,birth,2020-06-01,9900101,40,30,1,,,\n", 2,
          "related_id", "30", "age at the birth is 9");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "12,birth,2021-06-01,9900101,42,32,1,,,\n", 2,
          "related_id", "32", "age at the birth is 61");
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "11,birth,2020-06-01,9900101,41,31,1,,,\n"
                                                       "13,birth,2021-06-01,9900101,43,33,1,,,\n");
}

TEST_F(ImportRules, BirthOrderAgainstEarlierBirthsInTheDatabase) {
  ok(ImportKind::kPersons, std::string(kPersonsHeader) + "20,1,Con Hai,M,2023-04-01,,2023-04-01\n");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,birth,2023-04-01,9900101,20,1,1,,,\n", 2,
          "birth_order", "1", "contradicts the mother's 1 earlier births");
}

TEST_F(ImportRules, BirthOrderAgainstEarlierRowsOfTheSameFile) {
  ok(ImportKind::kPersons, std::string(kPersonsHeader) + "20,1,Con Hai,M,2023-04-01,,2023-04-01\n"
                                                         "21,1,Con Ba,F,2025-04-01,,2025-04-01\n");
  refused(ImportKind::kEvents, StoredTable::kEvents,
          std::string(kEventsHeader) + "3,birth,2023-04-01,9900101,20,1,2,,,\n4,birth,2025-04-01,9900101,21,1,2,,,\n",
          3, "birth_order", "2", "earlier births");
}

TEST_F(ImportRules, BirthDateMustMatchTheChild) {
  ok(ImportKind::kPersons, std::string(kPersonsHeader) + "20,1,Con Hai,M,2023-04-01,,2023-04-01\n");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,birth,2023-04-02,9900101,20,1,2,,,\n", 2,
          "date", "2023-04-02", "birth date in the register is 2023-04-01");
}

TEST_F(ImportRules, ChildMarriageDerivedAndAContradictionRefused) {
  // Person 3 (born 2007-06-01) marries person 4 on 2024-07-01 at 17: a child marriage.
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,marriage,2024-07-01,9900101,3,4,,,,0\n", 2,
          "child_marriage", "0", "under the legal marriage age");
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "3,marriage,2024-07-01,9900101,3,4,,,,\n");
  std::ostringstream out;
  ASSERT_TRUE(export_kind(*store_, ImportKind::kEvents, out).ok());
  EXPECT_NE(out.str().find("3,marriage,2024-07-01,9900101,3,4,,,,,1,0,"), std::string::npos) << out.str();
}

TEST_F(ImportRules, ARewrittenBirthDateOrSexIsCheckedAgainstTheEvents) {
  // Person 5 was born on 2021-03-01 (birth event 1) to person 1.
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "5,1,Lê Thị Con,F,2021-03-02,,2021-03-02\n", 2,
          "birth_date", "2021-03-02", "birth event 1 on 2021-03-01: the birth date must be the date of this person's");
  refused(ImportKind::kPersons, StoredTable::kPersons, std::string(kPersonsHeader) + "1,1,Trần Văn Mẹ,M,1990-05-05,990000000001,2019-01-01\n",
          2, "sex", "M", "birth event 1 on 2021-03-01: this person is the mother; the mother must be female");
  EXPECT_EQ(store_->find_person(PersonId(1))->sex, Sex::kFemale);
  EXPECT_EQ(store_->find_person(PersonId(5))->birth_date, Date::parse("2021-03-01").value());
  ok(ImportKind::kPersons, std::string(kPersonsHeader) + "1,1,Trần Thị Mẹ,F,1991-05-05,990000000001,2019-01-01\n");
  EXPECT_EQ(store_->find_person(PersonId(1))->birth_date, Date::parse("1991-05-05").value());
}

TEST_F(ImportRules, AMarriagesChildFlagFollowsRewrittenBirthDates) {
  // Person 3 (born 2007-06-01) marries person 4 on 2024-07-01 at 17; born a
  // year earlier she was 18 that day.
  ok(ImportKind::kEvents, std::string(kEventsHeader) + "3,marriage,2024-07-01,9900101,3,4,,,,\n");
  EXPECT_TRUE(store_->find_event(EventId(3))->child_marriage);
  auto r = run(ImportKind::kPersons, std::string(kPersonsHeader) + "3,2,Phạm Thị Trẻ,F,2006-06-01,,2019-01-01\n");
  ASSERT_TRUE(r.ok()) << r.error().en;
  ASSERT_TRUE(r->committed);
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_NE(r->notes[0].find("the child-marriage flag of 1 marriage events follows the new birth dates (ids 3)"),
            std::string::npos) << r->notes[0];
  EXPECT_FALSE(store_->find_event(EventId(3))->child_marriage);
  // A file that is refused turns no flag.
  refused(ImportKind::kPersons, StoredTable::kPersons,
          std::string(kPersonsHeader) + "3,2,Phạm Thị Trẻ,F,2007-06-01,,2019-01-01\n4,2,Đỗ Văn Trẻ,M,2004-03-01,,2031-01-01\n",
          3, "registered_on", "2031-01-01", "future");
  EXPECT_FALSE(store_->find_event(EventId(3))->child_marriage);
}

TEST_F(ImportRules, ColumnNotUsedByTheType) {
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,death,2024-01-10,9900101,6,,,iud,,\n", 2,
          "method", "iud", "not used by events of type death");
}

TEST_F(ImportRules, ScreeningNeedsConditions) {
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,prenatal_screening,2024-01-10,9900101,1,,,,,\n",
          2, "conditions", "", "required value missing");
}

TEST_F(ImportRules, EventInAnotherVillageThanTheResidence) {
  ok(ImportKind::kUnits, "code,name,level,parent_code,valid_from\n9900103,Thôn Mới,4,99001,2019-01-01\n");
  refused(ImportKind::kEvents, StoredTable::kEvents, std::string(kEventsHeader) + "3,health_insurance_card,2024-01-10,9900103,1,,,,,\n",
          2, "village_code", "9900103", "lives in village 9900101");
}

TEST_F(ImportRules, NotUtf8IsRefusedWithTheLine) {
  auto r = run(ImportKind::kPersons, std::string(kPersonsHeader) + "10,1,Nguy\xea\xe1n,F,1990-01-01,,\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().en.find("not UTF-8 (bad byte on line 2)"), std::string::npos) << r.error().en;
  EXPECT_NE(r.error().vi.find("UTF-8"), std::string::npos);
}

TEST_F(ImportRules, DecomposedNamesAreStoredComposed) {
  ok(ImportKind::kPersons, std::string(kPersonsHeader) + "10,1,Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 A,F,1990-01-01,,\n");
  std::ostringstream out;
  ASSERT_TRUE(export_kind(*store_, ImportKind::kPersons, out).ok());
  EXPECT_NE(out.str().find("10,1,Nguyễn Thị A,F"), std::string::npos);
}

TEST_F(ImportRules, OneBadRowAmongManyWritesNothing) {
  std::string csv = kPersonsHeader;
  for (int i = 0; i < 5000; ++i)
    csv += std::to_string(100 + i) + ",1,Người " + std::to_string(i) + ",F,1990-01-01,,\n";
  csv += "9999,1,Người Lỗi,F,1990-02-30,,\n";
  refused(ImportKind::kPersons, StoredTable::kPersons, csv, 5002, "birth_date", "1990-02-30", "not a valid date");
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), 6);
}

TEST_F(ImportRules, SkipBadRowsWritesTheGoodOnesAndARejectsFile) {
  auto r = run(ImportKind::kPersons,
               std::string(kPersonsHeader) + "10,1,A,F,1990-01-01,,\n11,1,B,Q,1990-01-01,,\n12,1,C,M,1991-01-01,,\n", true);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->written, 2u);
  EXPECT_EQ(r->rejected, 1u);
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), 8);
  std::ifstream rej(r->rejects_file);
  std::stringstream ss;
  ss << rej.rdbuf();
  EXPECT_NE(ss.str().find("in.csv,3,sex,Q,"), std::string::npos) << ss.str();
}

TEST_F(ImportRules, ReimportingTheSameFileChangesNothing) {
  const std::string csv = std::string(kPersonsHeader) + "10,1,A,F,1990-01-01,990000000010,\n";
  ok(ImportKind::kPersons, csv);
  std::ostringstream first;
  ASSERT_TRUE(export_kind(*store_, ImportKind::kPersons, first).ok());
  ok(ImportKind::kPersons, csv);
  std::ostringstream second;
  ASSERT_TRUE(export_kind(*store_, ImportKind::kPersons, second).ok());
  EXPECT_EQ(first.str(), second.str());
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), 7);
  EXPECT_EQ(store_->count_rows(StoredTable::kResidence), 7);
}

TEST_F(ImportRules, UnitLevelMustFollowTheParent) {
  refused(ImportKind::kUnits, StoredTable::kUnits, "code,name,level,parent_code,valid_from\n9900104,Thôn Sai,3,99001,2020-01-01\n",
          2, "level", "3", "the level must be 4");
}

TEST_F(ImportRules, UnitCodeCannotNameTwoUnitsAtOnce) {
  refused(ImportKind::kUnits, StoredTable::kUnits, "code,name,level,parent_code,valid_from\n9900101,Thôn Khác,4,99001,2020-01-01\n",
          2, "valid_from", "2020-01-01", "already names another unit");
}

TEST_F(ImportRules, StaffRoleMustFitTheUnit) {
  refused(ImportKind::kStaff, StoredTable::kStaffAssignments, "id,name,role,unit_code,start\n8,Cán Bộ,commune_officer,9900101,2020-01-01\n",
          2, "unit_code", "9900101", "does not belong to a village");
}

}  // namespace
