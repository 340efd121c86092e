// Scope of the register (app/register_scope.h) on a small register imported
// as the command line imports it: where a person belongs on a day, the
// check of the records a form names (missing and outside alike), ids parsed
// once and strictly, and the form writes that use them.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "app/import/import.h"
#include "app/import/record_event.h"
#include "app/import/record_register.h"
#include "app/register_scope.h"
#include "store/sqlite/db.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

Date day(const char* iso) { return Date::parse(iso).value(); }

class RegisterScope : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-scope-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = test::open_test_store((dir_ / "r.db").string());
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    // Two communes; person 1 moves from village 9900101 to 9900201 on
    // 2022-01-10, person 2 dies on 2023-05-01; staff 7 works in 9900101,
    // staff 8 in 9900201. Names are made up.
    import(ImportKind::kUnits,
           "code,name,kind,level,parent_code,valid_from,valid_to\n"
           "99,Tỉnh Thử,province,1,,2019-01-01,\n"
           "990,Huyện Một,district,2,99,2019-01-01,\n"
           "99001,Xã Một,commune,3,990,2019-01-01,\n"
           "99002,Xã Hai,commune,3,990,2019-01-01,\n"
           "9900101,Thôn Đông,village,4,99001,2019-01-01,\n"
           "9900102,Thôn Tây,village,4,99001,2019-01-01,\n"
           "9900201,Thôn Nam,village,4,99002,2019-01-01,\n");
    import(ImportKind::kStaff,
           "id,name,role,unit_code,start\n7,Cán Bộ Bảy,collaborator,9900101,2019-01-01\n"
           "8,Cán Bộ Tám,collaborator,9900201,2019-01-01\n");
    import(ImportKind::kHouseholds,
           "id,village_code,registered_on\n1,9900101,2019-01-01\n2,9900102,2019-01-01\n3,9900201,2019-01-01\n");
    import(ImportKind::kPersons,
           "id,household_id,name,sex,birth_date,citizen_id,registered_on\n"
           "1,1,Trần Văn Đi,M,1985-01-01,990000000001,2019-01-01\n"
           "2,2,Lê Thị Mất,F,1950-01-01,,2019-01-01\n"
           "3,1,Phạm Thị Ở,F,1990-01-01,,2019-01-01\n"
           "4,3,Đỗ Văn Nam,M,1988-01-01,990000000004,2019-01-01\n");
    import(ImportKind::kEvents,
           "id,type,date,village_code,person_id,household_id\n"
           "1,move_out,2022-01-10,9900101,1,\n"
           "2,move_in,2022-01-10,9900201,1,3\n"
           "3,death,2023-05-01,9900102,2,\n");
    units_ = UnitTree(store_->load_units(), store_->load_unit_links());
    village_ = [&](const char* code) { return units_.resolve(code, day("2024-01-01"))->id; };
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  void import(ImportKind kind, const std::string& csv) {
    const std::string file = (dir_ / "in.csv").string();
    std::ofstream(file, std::ios::binary) << csv;
    ImportOptions o;
    o.file = file;
    o.kind = kind;
    o.today = day("2025-06-15");
    auto r = import_file(*store_, o);
    ASSERT_TRUE(r.ok()) << r.error().en;
    for (const auto& i : r->issues) ADD_FAILURE() << "row " << i.row << " " << i.column << ": " << i.en;
    ASSERT_TRUE(r->committed);
  }
  // A writer who sees the villages named.
  WriteScope sees(std::vector<std::string> codes) {
    std::vector<UnitId> ids;
    for (const auto& c : codes) ids.push_back(units_.resolve(c, day("2024-01-01"))->id);
    return WriteScope{[ids](UnitId u) { return std::find(ids.begin(), ids.end(), u) != ids.end(); }};
  }
  std::string code_of(UnitId id) { return units_.find(id)->code; }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  UnitTree units_;
  std::function<UnitId(const char*)> village_;
};

TEST_F(RegisterScope, APersonBelongsWhereTheyLiveOnTheDay) {
  auto where = [&](int64_t person, const char* on) {
    const auto p = person_place(*store_, PersonId(person), day(on));
    return p ? code_of(p->village) + "/" + std::to_string(p->household.value) : std::string("-");
  };
  EXPECT_EQ(where(1, "2021-12-31"), "9900101/1");
  EXPECT_EQ(where(1, "2022-01-10"), "9900201/3");  // the day of the move: where they arrive
  EXPECT_EQ(where(1, "2025-06-15"), "9900201/3");
  EXPECT_EQ(where(1, "2018-01-01"), "9900101/1");  // before the first spell: the first
  EXPECT_EQ(where(2, "2025-06-15"), "9900102/2");  // dead: where they lived last
  EXPECT_EQ(where(3, "2025-06-15"), "9900101/1");
  EXPECT_EQ(where(99, "2025-06-15"), "-");
  EXPECT_EQ(household_village(*store_, HouseholdId(3)), village_("9900201"));
  EXPECT_FALSE(household_village(*store_, HouseholdId(99)));
  EXPECT_TRUE(person_in_scope(*store_, PersonId(1), day("2025-06-15"), sees({"9900201"})));
  EXPECT_FALSE(person_in_scope(*store_, PersonId(1), day("2025-06-15"), sees({"9900101"})));
  EXPECT_TRUE(person_in_scope(*store_, PersonId(1), day("2021-06-15"), sees({"9900101"})));
  EXPECT_TRUE(person_in_scope(*store_, PersonId(1), day("2025-06-15"), WriteScope{}));  // the command line
}

TEST_F(RegisterScope, ARecordOutsideTheScopeIsNotFoundExactlyAsAMissingOne) {
  const WriteScope east = sees({"9900101"});
  const Date on = day("2025-06-15");
  auto check = [&](Reference r) {
    const Reference refs[] = {r};
    return check_references(*store_, units_, refs, east);
  };
  using R = Reference;
  // Inside: passes (a commune's code too: whether it is a village is the form's check).
  for (const R& r : {R{R::kVillage, "village_code", 0, "9900101", on}, R{R::kHousehold, "household_id", 1, {}, on},
                     R{R::kPerson, "person_id", 3, {}, on}, R{R::kPerson, "related_id", 1, {}, day("2021-01-01")},
                     R{R::kStaff, "recorded_by", 7, {}, on}, R{R::kPerson, "related_id", 0, {}, on},
                     R{R::kVillage, "village_code", 0, "", on}})
    EXPECT_TRUE(check(r).ok()) << r.field << " " << r.id << r.code;
  // Outside and missing: the same error, naming the field.
  const std::vector<std::pair<R, R>> pairs = {
      {R{R::kVillage, "village_code", 0, "9900201", on}, R{R::kVillage, "village_code", 0, "9999999", on}},
      {R{R::kVillage, "village_code", 0, "9900101", day("2018-01-01")}, R{R::kVillage, "village_code", 0, "X", on}},
      {R{R::kHousehold, "household_id", 3, {}, on}, R{R::kHousehold, "household_id", 99, {}, on}},
      {R{R::kPerson, "person_id", 1, {}, on}, R{R::kPerson, "person_id", 99, {}, on}},  // moved away
      {R{R::kPerson, "related_id", 2, {}, on}, R{R::kPerson, "related_id", 99, {}, on}},  // died elsewhere
      {R{R::kStaff, "recorded_by", 8, {}, on}, R{R::kStaff, "recorded_by", 99, {}, on}},
  };
  for (const auto& [outside, missing] : pairs) {
    const Status a = check(outside), b = check(missing);
    ASSERT_FALSE(a.ok()) << outside.field << " " << outside.id << outside.code;
    ASSERT_FALSE(b.ok()) << missing.field;
    EXPECT_EQ(a.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(a.error().field, outside.field);
    EXPECT_EQ(a.error().en, "not found");
    EXPECT_EQ(a.error().vi, "không tìm thấy");
    EXPECT_EQ(std::tie(a.error().code, a.error().field, a.error().vi, a.error().en),
              std::tie(b.error().code, b.error().field, b.error().vi, b.error().en));
  }
  // The first reference that fails is the one named.
  const Reference refs[] = {R{R::kPerson, "person_id", 3, {}, on}, R{R::kPerson, "related_id", 4, {}, on},
                            R{R::kHousehold, "household_id", 3, {}, on}};
  EXPECT_EQ(check_references(*store_, units_, refs, east).error().field, "related_id");
  EXPECT_TRUE(check_references(*store_, units_, refs, WriteScope{}).ok());
}

TEST_F(RegisterScope, IdsAndCodesOfAFormAreParsedStrictly) {
  const std::map<std::string, std::string> fields = {{"a", "12"}, {"b", " 12"}, {"c", "012"}, {"d", ""},
                                                     {"e", "+12"}, {"v", "9900101"}, {"w", "9900101 "}};
  EXPECT_EQ(form_id(fields, "a").value(), 12);
  EXPECT_EQ(form_id(fields, "d").value(), 0);
  EXPECT_EQ(form_id(fields, "absent").value(), 0);
  for (const char* bad : {"b", "c", "e"}) {
    const auto r = form_id(fields, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field, bad);
  }
  EXPECT_EQ(form_code(fields, "v").value(), "9900101");
  EXPECT_EQ(form_code(fields, "absent").value(), "");
  EXPECT_EQ(form_code(fields, "w").error().field, "w");
}

// A slip from a form keeps the store's own checks of references on: it
// writes no setting of the connection, so the statements SQLite keeps for
// reuse are not compiled again at every slip (switching the checks off and
// on again around each one did that, a large part of a slip's time).
TEST_F(RegisterScope, SlipsInARowCompileNoStatementAgain) {
  const Date today = day("2025-06-15");
  const auto no_audit = [](const auto&...) { return Status(); };
  std::map<std::string, std::string> slip = {
      {"type", "health_insurance_card"}, {"village_code", "9900101"}, {"person_id", "3"}};
  const int64_t events = store_->count_rows(StoredTable::kEvents);
  int64_t after_first = 0;
  for (int i = 1; i <= 4; ++i) {
    slip["date"] = "2024-03-0" + std::to_string(i);
    auto r = record_event(*store_, units_, slip, today, no_audit, WriteScope{});
    ASSERT_TRUE(r.ok()) << r.error().en;
    ASSERT_TRUE(r->event) << (r->issues.empty() ? "" : r->issues.front().en);
    if (i == 1) after_first = sqlite::statements_compiled_again();
  }
  EXPECT_EQ(store_->count_rows(StoredTable::kEvents), events + 4);
  EXPECT_EQ(sqlite::statements_compiled_again(), after_first);
}

// The form writes check what they name with the writer's scope: a slip's
// related person who died outside it is not found (no death date told), a
// citizen ID held outside it names nobody, an id with a space writes nothing.
TEST_F(RegisterScope, FormWritesCheckWhatTheyNameWithTheWritersScope) {
  const Date today = day("2025-06-15");
  const auto no_audit = [](const auto&...) { return Status(); };
  const std::map<std::string, std::string> marriage = {{"type", "marriage"},  {"date", "2024-02-01"},
                                                       {"village_code", "9900101"}, {"person_id", "3"},
                                                       {"related_id", "2"}};
  const int64_t events = store_->count_rows(StoredTable::kEvents);
  auto r = record_event(*store_, units_, marriage, today, no_audit, sees({"9900101"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(r.error().field, "related_id");
  // Seen (the command line sees all): the events import's own message.
  r = record_event(*store_, units_, marriage, today, no_audit, WriteScope{});
  ASSERT_TRUE(r.ok()) << r.error().en;
  ASSERT_FALSE(r->event);
  EXPECT_EQ(r->issues.front().en, "this person died on 2023-05-01");
  auto spaced = marriage;
  spaced["related_id"] = "2 ";
  r = record_event(*store_, units_, spaced, today, no_audit, WriteScope{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "related_id");
  EXPECT_EQ(store_->count_rows(StoredTable::kEvents), events);
  // A slip in scope is written with the ids as parsed.
  r = record_event(*store_, units_,
                   {{"type", "health_insurance_card"}, {"date", "2025-01-02"}, {"village_code", "9900101"},
                    {"person_id", "3"}, {"recorded_by", "7"}},
                   today, no_audit, sees({"9900101"}));
  ASSERT_TRUE(r.ok() && r->event) << (r.ok() ? r->issues.front().en : r.error().en);
  EXPECT_EQ(r->event->person, PersonId(3));
  EXPECT_EQ(r->event->recorded_by, StaffId(7));
  // (Its recorder looked up by the slip's own check: one that is no staff
  // member is refused before it, as missing, even on the command line.)
  const int64_t written = store_->count_rows(StoredTable::kEvents);
  r = record_event(*store_, units_,
                   {{"type", "health_insurance_card"}, {"date", "2025-01-03"}, {"village_code", "9900101"},
                    {"person_id", "3"}, {"recorded_by", "99"}},
                   today, no_audit, WriteScope{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "recorded_by");
  EXPECT_EQ(r.error().en, "not found");
  EXPECT_EQ(store_->count_rows(StoredTable::kEvents), written);

  // Citizen IDs: 990000000004 is held by person 4, outside the east village.
  RecordFields person = {{"household_id", "1"}, {"name", "Võ Thị Mới"}, {"sex", "F"}, {"birth_date", "2001-01-01"},
                         {"citizen_id", "990000000004"}};
  auto p = create_person(*store_, person, today, WriteAudit<Person>(no_audit), sees({"9900101"}));
  ASSERT_TRUE(p.ok());
  ASSERT_FALSE(p->record);
  EXPECT_EQ(p->issues.front().en, "citizen ID already belongs to another person");
  p = create_person(*store_, person, today, WriteAudit<Person>(no_audit), sees({"9900101", "9900201"}));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->issues.front().en, "citizen ID already belongs to person 4");
  person["citizen_id"] = "";
  person["household_id"] = "\t1";
  p = create_person(*store_, person, today, WriteAudit<Person>(no_audit), WriteScope{});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().field, "household_id");
  person["household_id"] = "3";
  p = create_person(*store_, person, today, WriteAudit<Person>(no_audit), sees({"9900101"}));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(p.error().field, "household_id");
  EXPECT_EQ(store_->count_rows(StoredTable::kPersons), 4);
}

}  // namespace

// A slip from a form is read from memory as one row of the events import:
// nothing is written to the temporary folder, and it takes the next id.
TEST_F(RegisterScope, ASlipIsCheckedFromMemoryAndTakesTheNextId) {
  const fs::path tmp = dir_ / "tmp";
  fs::create_directories(tmp);
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old ? old : "";
  setenv("TMPDIR", tmp.c_str(), 1);
  const int64_t next = store_->max_id(StoredTable::kEvents) + 1;
  const auto no_audit = [](const auto&...) { return Status(); };
  auto r = record_event(*store_, units_,
                        {{"type", "health_insurance_card"}, {"date", "2025-01-02"}, {"village_code", "9900101"},
                         {"person_id", "3"}, {"recorded_by", "7"}},
                        day("2025-06-15"), no_audit, WriteScope{});
  if (old) setenv("TMPDIR", saved.c_str(), 1);
  else unsetenv("TMPDIR");
  ASSERT_TRUE(r.ok() && r->event) << (r.ok() ? r->issues.front().en : r.error().en);
  EXPECT_EQ(r->event->id, EventId(next));
  EXPECT_EQ(store_->max_id(StoredTable::kEvents), next);
  EXPECT_TRUE(fs::is_empty(tmp));
  EXPECT_EQ(store_->max_id(StoredTable::kUnits), -1);  // units have codes, not register ids
}
