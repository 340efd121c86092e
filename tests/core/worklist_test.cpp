// The collaborator's work lists (core/worklist.h): for each list one person
// just on it and one just off it, with the reason given. Persons are built
// by hand with generated names; the day is 15 June 2026. The Vietnamese
// reasons write days as the forms do (dd/mm/yyyy), the English ones ISO.
#include <gtest/gtest.h>

#include "core/worklist.h"

using namespace danso;

namespace {

Date day(const char* iso) { return Date::parse(iso).value(); }
const Date kOn = day("2026-06-15");

Person wl_person(int64_t id, Sex sex, const char* born) {
  Person p;
  p.id = PersonId(id);
  p.household = HouseholdId(7);
  p.name = "Người Thử " + std::to_string(id);
  p.sex = sex;
  p.birth_date = day(born);
  p.registered_on = day("2020-01-01");
  return p;
}

PersonStatus wl_status(MaritalStatus marital, Standing standing = Standing::kPermanent) {
  PersonStatus st;
  st.on = kOn;
  st.standing = standing;
  st.marital = marital;
  st.household = HouseholdId(7);
  st.village = UnitId(70);
  return st;
}

VitalEvent wl_event(int64_t id, EventType type, Date date, int64_t person, int conditions = 0) {
  VitalEvent e;
  e.id = EventId(id);
  e.type = type;
  e.date = date;
  e.person = PersonId(person);
  e.conditions = conditions;
  return e;
}

std::vector<WorklistEntry> lists_of(const Person& p, const PersonStatus& st, std::vector<VitalEvent> events = {}) {
  return person_worklists({p, st, events}, kOn);
}

// The entry of `kind`, or none.
std::optional<WorklistEntry> on_list(const std::vector<WorklistEntry>& all, WorklistKind kind) {
  for (const WorklistEntry& e : all)
    if (e.kind == kind) return e;
  return std::nullopt;
}

TEST(Worklist, MarriedWomenOfFifteenToFortyNineUsingNoMethod) {
  const auto married = wl_status(MaritalStatus::kMarried);
  // 49 the day before her 50th birthday, with no method ever: on it.
  auto e = on_list(lists_of(wl_person(1, Sex::kFemale, "1976-06-16"), married), WorklistKind::kNoMethod);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "never_used");
  EXPECT_EQ(e->age, 49);
  EXPECT_EQ(e->reason_vi, "Có chồng, 49 tuổi, chưa ghi nhận dùng biện pháp tránh thai nào");
  EXPECT_EQ(e->household, HouseholdId(7));
  EXPECT_EQ(e->village, UnitId(70));
  // 50 that day: off it.
  EXPECT_FALSE(on_list(lists_of(wl_person(2, Sex::kFemale, "1976-06-15"), married), WorklistKind::kNoMethod));
  // Single, or a man: off it.
  EXPECT_FALSE(on_list(lists_of(wl_person(3, Sex::kFemale, "1995-01-01"), wl_status(MaritalStatus::kSingle)),
                       WorklistKind::kNoMethod));
  EXPECT_FALSE(on_list(lists_of(wl_person(4, Sex::kMale, "1995-01-01"), married), WorklistKind::kNoMethod));
  // Stopped the pill in February: on it, since then; started again after: off.
  VitalEvent start = wl_event(10, EventType::kContraceptionStart, day("2025-01-10"), 5);
  start.method = ContraceptiveMethod::kPill;
  VitalEvent stop = wl_event(11, EventType::kContraceptionStop, day("2026-02-01"), 5);
  stop.method = ContraceptiveMethod::kPill;
  const Person woman = wl_person(5, Sex::kFemale, "1990-03-01");
  e = on_list(lists_of(woman, married, {start, stop}), WorklistKind::kNoMethod);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "stopped");
  EXPECT_EQ(e->since, day("2026-02-01"));
  EXPECT_EQ(e->reason_en, "Married, aged 36, stopped the pill on 2026-02-01");
  VitalEvent again = wl_event(12, EventType::kContraceptionStart, day("2026-06-15"), 5);
  again.method = ContraceptiveMethod::kCondom;
  EXPECT_FALSE(on_list(lists_of(woman, married, {start, stop, again}), WorklistKind::kNoMethod));
  // A stop after the day asked is not read.
  EXPECT_FALSE(on_list(lists_of(woman, married, {start, wl_event(13, EventType::kContraceptionStop, day("2026-06-16"), 5)}),
                       WorklistKind::kNoMethod));
  // Pregnant: on the prenatal list instead.
  const auto pregnant = lists_of(woman, married, {wl_event(14, EventType::kPregnancy, day("2026-05-01"), 5)});
  EXPECT_FALSE(on_list(pregnant, WorklistKind::kNoMethod));
  EXPECT_TRUE(on_list(pregnant, WorklistKind::kPrenatalScreening));
}

TEST(Worklist, PregnantWomenDueForPrenatalScreening) {
  const Person woman = wl_person(20, Sex::kFemale, "1998-08-08");
  const auto st = wl_status(MaritalStatus::kMarried);
  const VitalEvent slip = wl_event(30, EventType::kPregnancy, day("2026-03-01"), 20);
  auto e = on_list(lists_of(woman, st, {slip}), WorklistKind::kPrenatalScreening);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "not_screened");
  EXPECT_EQ(e->since, day("2026-03-01"));
  EXPECT_EQ(e->reason_vi, "Mang thai (ghi nhận 01/03/2026), chưa được sàng lọc trước sinh");
  // Screened for 3 conditions: still on it; for 4: off it.
  e = on_list(lists_of(woman, st, {slip, wl_event(31, EventType::kPrenatalScreening, day("2026-04-01"), 20, 3)}),
              WorklistKind::kPrenatalScreening);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "too_few_conditions");
  EXPECT_EQ(e->reason_en, "Pregnant (recorded 2026-03-01), screened on 2026-04-01 for 3 conditions only (at least 4 needed)");
  EXPECT_FALSE(on_list(lists_of(woman, st, {slip, wl_event(31, EventType::kPrenatalScreening, day("2026-04-01"), 20, 4)}),
                       WorklistKind::kPrenatalScreening));
  // A screening before this pregnancy's slip belongs to an earlier one.
  EXPECT_TRUE(on_list(lists_of(woman, st, {slip, wl_event(32, EventType::kPrenatalScreening, day("2026-02-28"), 20, 5)}),
                      WorklistKind::kPrenatalScreening));
  // A slip 299 days old is ongoing; 300 days old, no longer.
  EXPECT_TRUE(on_list(lists_of(woman, st, {wl_event(33, EventType::kPregnancy, kOn.add_days(-299), 20)}),
                      WorklistKind::kPrenatalScreening));
  EXPECT_FALSE(on_list(lists_of(woman, st, {wl_event(33, EventType::kPregnancy, kOn.add_days(-300), 20)}),
                       WorklistKind::kPrenatalScreening));
  // An outcome on the slip, or a birth to her since: over.
  VitalEvent lost = slip;
  lost.outcome = PregnancyOutcome::kMiscarriage;
  EXPECT_FALSE(on_list(lists_of(woman, st, {lost}), WorklistKind::kPrenatalScreening));
  VitalEvent birth = wl_event(34, EventType::kBirth, day("2026-06-01"), 21);
  birth.related = PersonId(20);
  EXPECT_FALSE(on_list(lists_of(woman, st, {slip, birth}), WorklistKind::kPrenatalScreening));
  // A live birth recorded on the slip, born after the day asked: still
  // pregnant that day; with no birth slip, or born by then: over.
  VitalEvent born = slip;
  born.outcome = PregnancyOutcome::kLiveBirth;
  VitalEvent later = birth;
  later.date = day("2026-06-20");
  EXPECT_TRUE(on_list(lists_of(woman, st, {born, later}), WorklistKind::kPrenatalScreening));
  EXPECT_FALSE(on_list(lists_of(woman, st, {born}), WorklistKind::kPrenatalScreening));
  EXPECT_FALSE(on_list(lists_of(woman, st, {born, birth}), WorklistKind::kPrenatalScreening));
}

TEST(Worklist, NewbornsWithoutANewbornScreening) {
  const auto st = wl_status(MaritalStatus::kSingle);
  // Born 60 days before: on it; 61 days before: off it.
  auto e = on_list(lists_of(wl_person(40, Sex::kMale, "2026-04-16"), st), WorklistKind::kNewbornScreening);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "not_screened");
  EXPECT_EQ(e->age, 0);
  EXPECT_EQ(e->reason_vi, "Sinh ngày 16/04/2026, chưa được sàng lọc sơ sinh");
  EXPECT_FALSE(on_list(lists_of(wl_person(41, Sex::kMale, "2026-04-15"), st), WorklistKind::kNewbornScreening));
  // Screened for 4 conditions: on it; for 5: off it.
  const Person baby = wl_person(42, Sex::kFemale, "2026-06-01");
  e = on_list(lists_of(baby, st, {wl_event(50, EventType::kNewbornScreening, day("2026-06-03"), 42, 4)}),
              WorklistKind::kNewbornScreening);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "too_few_conditions");
  EXPECT_FALSE(on_list(lists_of(baby, st, {wl_event(50, EventType::kNewbornScreening, day("2026-06-03"), 42, 5)}),
                       WorklistKind::kNewbornScreening));
}

TEST(Worklist, YoungPeopleOfMarryingAgeWithoutPremaritalCounselling) {
  const auto single = wl_status(MaritalStatus::kSingle);
  // A woman of 18 that day: on it; of 17: off it. A man of 20: on; of 19: off.
  auto e = on_list(lists_of(wl_person(60, Sex::kFemale, "2008-06-15"), single), WorklistKind::kPremaritalCounselling);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "not_counselled");
  EXPECT_EQ(e->reason_vi, "Chưa kết hôn, 18 tuổi, chưa được tư vấn, khám sức khỏe trước hôn nhân");
  EXPECT_FALSE(on_list(lists_of(wl_person(61, Sex::kFemale, "2008-06-16"), single), WorklistKind::kPremaritalCounselling));
  EXPECT_TRUE(on_list(lists_of(wl_person(62, Sex::kMale, "2006-06-15"), single), WorklistKind::kPremaritalCounselling));
  EXPECT_FALSE(on_list(lists_of(wl_person(63, Sex::kMale, "2006-06-16"), single), WorklistKind::kPremaritalCounselling));
  // 29: on it; 30: off it; married or divorced: off it.
  EXPECT_TRUE(on_list(lists_of(wl_person(64, Sex::kMale, "1996-06-16"), single), WorklistKind::kPremaritalCounselling));
  EXPECT_FALSE(on_list(lists_of(wl_person(65, Sex::kMale, "1996-06-15"), single), WorklistKind::kPremaritalCounselling));
  EXPECT_FALSE(on_list(lists_of(wl_person(66, Sex::kMale, "2000-01-01"), wl_status(MaritalStatus::kDivorced)),
                       WorklistKind::kPremaritalCounselling));
  // Counselled 364 days before: off it; 365 days before: on it again.
  const Person man = wl_person(67, Sex::kMale, "2000-01-01");
  EXPECT_FALSE(on_list(lists_of(man, single, {wl_event(70, EventType::kPremaritalCounselling, kOn.add_days(-364), 67)}),
                       WorklistKind::kPremaritalCounselling));
  e = on_list(lists_of(man, single, {wl_event(70, EventType::kPremaritalCounselling, kOn.add_days(-365), 67)}),
              WorklistKind::kPremaritalCounselling);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "counselled_long_ago");
  EXPECT_EQ(e->since, day("2025-06-15"));
}

TEST(Worklist, OlderPersonsDueForThisYearsHealthCheck) {
  const auto st = wl_status(MaritalStatus::kWidowed);
  auto e = on_list(lists_of(wl_person(80, Sex::kFemale, "1966-06-15"), st), WorklistKind::kElderlyCheck);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "never_checked");
  EXPECT_EQ(e->age, 60);
  EXPECT_FALSE(on_list(lists_of(wl_person(81, Sex::kFemale, "1966-06-16"), st), WorklistKind::kElderlyCheck));
  // Checked on 31 December: due again; on 2 January this year: done.
  const Person old = wl_person(82, Sex::kMale, "1940-02-02");
  e = on_list(lists_of(old, st, {wl_event(90, EventType::kElderlyHealthCheck, day("2025-12-31"), 82)}),
              WorklistKind::kElderlyCheck);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "not_this_year");
  EXPECT_EQ(e->reason_en, "Aged 86, not checked in 2026 (last on 2025-12-31)");
  EXPECT_FALSE(on_list(lists_of(old, st, {wl_event(90, EventType::kElderlyHealthCheck, day("2026-01-02"), 82)}),
                       WorklistKind::kElderlyCheck));
}

TEST(Worklist, OnlyThosePresentInTheAreaAreListed) {
  const Person old = wl_person(83, Sex::kMale, "1940-02-02");
  for (Standing s : {Standing::kAbsent, Standing::kMovedOut, Standing::kDead, Standing::kNotYet})
    EXPECT_TRUE(lists_of(old, wl_status(MaritalStatus::kMarried, s)).empty()) << kStandings.code(s);
  EXPECT_EQ(lists_of(old, wl_status(MaritalStatus::kMarried, Standing::kTemporary)).size(), 1u);
}

TEST(Worklist, HouseholdsWithoutASlipThisYear) {
  Household h;
  h.id = HouseholdId(7);
  h.village = UnitId(70);
  h.address = "Số 7 đường Thử";
  h.registered_on = day("2020-01-01");
  const PersonStatus living[] = {wl_status(MaritalStatus::kMarried)};
  const VitalEvent last_year[] = {wl_event(100, EventType::kContraceptionStart, day("2025-12-31"), 1)};
  auto e = household_visit_entry(h, living, last_year, PersonId(1), kOn);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, WorklistKind::kHouseholdVisit);
  EXPECT_EQ(e->reason, "no_slip_this_year");
  EXPECT_EQ(e->since, day("2025-12-31"));
  EXPECT_EQ(e->person, PersonId(1));
  EXPECT_EQ(e->reason_vi, "Chưa có phiếu thu tin nào năm 2026 (phiếu gần nhất 31/12/2025)");
  // A slip on 1 January: visited this year.
  const VitalEvent this_year[] = {wl_event(101, EventType::kElderlyHealthCheck, day("2026-01-01"), 1)};
  EXPECT_FALSE(household_visit_entry(h, living, this_year, PersonId(1), kOn));
  // No slip ever.
  e = household_visit_entry(h, living, {}, PersonId(1), kOn);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "no_slip");
  // Entered the register this year, or nobody lives in it: off it.
  Household fresh = h;
  fresh.registered_on = day("2026-02-01");
  EXPECT_FALSE(household_visit_entry(fresh, living, {}, PersonId(1), kOn));
  const PersonStatus gone[] = {wl_status(MaritalStatus::kMarried, Standing::kMovedOut)};
  EXPECT_FALSE(household_visit_entry(h, gone, {}, PersonId(1), kOn));
}

}  // namespace
