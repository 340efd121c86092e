// A year's rewards judged by hand-built figures and cases, each payout
// worked out by hand: "fell by 5%" both ways, a village with a birth of
// order 3+ in one of two years, a rule outside its validity period, cases
// in the free groups, and the two policy directions in two years of one
// register.
#include "app/programme/rewards.h"

#include <gtest/gtest.h>

namespace danso {
namespace {

Date d(int y, int m, int dd) { return Date::from_ymd_unchecked(y, m, dd); }

RewardRule unit_rule(std::string id, Beneficiary who, RewardCondition c, int64_t vnd, Date from, Date to) {
  RewardRule r;
  r.id = std::move(id), r.name_vi = r.id, r.beneficiary = who, r.condition = std::move(c);
  r.per = AmountPer::kUnit, r.amount_vnd = vnd, r.valid_from = from, r.valid_to = to;
  return r;
}

RewardRule case_rule(std::string id, Beneficiary who, PerEvent c, int64_t vnd, Date from, Date to, bool exempt = false) {
  RewardRule r = unit_rule(std::move(id), who, c, vnd, from, to);
  r.per = AmountPer::kCase, r.exempt_free_groups = exempt;
  return r;
}

// Two communes (A: 101, B: 102) and three villages of A (11, 12, 13).
struct Register {
  std::map<std::tuple<int64_t, std::string, int>, UnitFigure> figures;
  std::map<std::pair<int64_t, int>, std::vector<EventId>> order3_births;  // village, year
  RewardInputs inputs(int year, std::vector<RewardCaseFacts> cases = {}) {
    RewardInputs in;
    in.year = year;
    in.communes = {{UnitId(101), "101", "Xã A", UnitId(101), {}}, {UnitId(102), "102", "Xã B", UnitId(102), {}}};
    in.villages = {{UnitId(11), "10101", "Thôn 1", UnitId(101), {}},
                   {UnitId(12), "10102", "Thôn 2", UnitId(101), {}},
                   {UnitId(13), "10103", "Thôn 3", UnitId(101), {}}};
    in.figure = [this](UnitId u, const std::string& code, int y) -> std::optional<UnitFigure> {
      auto it = figures.find({u.value, code, y});
      if (it == figures.end()) return std::nullopt;
      return it->second;
    };
    in.events_of = [this](UnitId v, const NoEvents&, int y) {
      auto it = order3_births.find({v.value, y});
      return it == order3_births.end() ? std::vector<EventId>{} : it->second;
    };
    in.cases = std::move(cases);
    return in;
  }
};

Register make_register() {
  Register r;
  // Share of births of order 3+: A 8.0% -> 7.5% (fell 6.25% relative, 0.5 points); B 12% -> 3% (75%, 9 points).
  r.figures[{101, "births_order3plus_share", 2023}] = {8.0, 8, 100};
  r.figures[{101, "births_order3plus_share", 2024}] = {7.5, 6, 80};
  r.figures[{102, "births_order3plus_share", 2023}] = {12.0, 12, 100};
  r.figures[{102, "births_order3plus_share", 2024}] = {3.0, 3, 100};
  for (int y : {2023, 2024}) {
    r.figures[{11, "population", y}] = {900, 0, 0};
    r.figures[{12, "population", y}] = {800, 0, 0};
    r.figures[{13, "population", y}] = {0, 0, 0};  // nobody lives there
  }
  r.order3_births[{11, 2023}] = {EventId(501)};  // village 1: an order-3 birth in 2023 only
  return r;
}

RuleSet ha_tinh(FellMeasure measure) {
  RuleSet s;
  s.id = "ht", s.version = "1";
  s.free_groups = {FreeGroup::kPoor, FreeGroup::kNearPoor, FreeGroup::kSocialProtection};
  s.rules.push_back(unit_rule("below5", Beneficiary::kCommune, IndicatorBelow{"births_order3plus_share", 5}, 5'000'000,
                              d(2021, 1, 1), d(2030, 12, 31)));
  s.rules.push_back(unit_rule("fell5", Beneficiary::kCommune, IndicatorFell{"births_order3plus_share", 5, measure},
                              2'000'000, d(2021, 1, 1), d(2025, 12, 31)));
  s.rules.push_back(unit_rule("fell3", Beneficiary::kCommune, IndicatorFell{"births_order3plus_share", 3, measure},
                              2'000'000, d(2026, 1, 1), d(2030, 12, 31)));
  s.rules.push_back(unit_rule("village2y", Beneficiary::kVillage, NoEvents{EventType::kBirth, 3, 2}, 2'000'000,
                              d(2021, 1, 1), d(2030, 12, 31)));
  return s;
}

int64_t paid(const RewardResult& r, const std::string& rule, const std::string& key) {
  int64_t sum = 0;
  for (const Payment& p : r.payments)
    if (p.rule == rule && p.beneficiary_key == key) sum += p.amount_vnd;
  return sum;
}

TEST(Rewards, FellByFivePercentReadRelatively) {
  Register reg = make_register();
  const RewardResult r = judge_year(ha_tinh(FellMeasure::kRelative), reg.inputs(2024));
  EXPECT_EQ(paid(r, "fell5", "101"), 2'000'000);  // 6.25% >= 5%
  EXPECT_EQ(paid(r, "fell5", "102"), 2'000'000);  // 75%
  EXPECT_EQ(paid(r, "below5", "102"), 5'000'000);  // 3% < 5%
  EXPECT_EQ(paid(r, "below5", "101"), 0);          // 7.5%
  // The 2026-2030 rule is not in force in 2024.
  EXPECT_EQ(std::count(r.rules_in_force.begin(), r.rules_in_force.end(), "fell3"), 0);
  EXPECT_EQ(paid(r, "fell3", "101") + paid(r, "fell3", "102"), 0);
  // Village 2 had no order-3 birth in 2023 and 2024; village 1 had one in 2023; village 3 has nobody.
  EXPECT_EQ(paid(r, "village2y", "10102"), 2'000'000);
  EXPECT_EQ(paid(r, "village2y", "10101"), 0);
  EXPECT_EQ(paid(r, "village2y", "10103"), 0);
  // 2,000,000 + 2,000,000 + 5,000,000 + 2,000,000.
  EXPECT_EQ(r.total, 11'000'000);
  EXPECT_EQ(r.total_by_commune.at("101"), 4'000'000);
  EXPECT_EQ(r.total_by_commune.at("102"), 7'000'000);
  EXPECT_EQ(r.total_by_rule.at("fell5"), 4'000'000);
  // Evidence: both years' figures for the fall.
  for (const Payment& p : r.payments)
    if (p.rule == "fell5" && p.beneficiary_key == "101") {
      ASSERT_EQ(p.figures.size(), 3u);
      EXPECT_EQ(p.figures[0], "births_order3plus_share 2023 = 8 (8 / 100)");
      EXPECT_EQ(p.figures[1], "births_order3plus_share 2024 = 7.5 (6 / 80)");
    }
}

TEST(Rewards, FellByFivePercentReadAsPoints) {
  Register reg = make_register();
  const RewardResult r = judge_year(ha_tinh(FellMeasure::kPoints), reg.inputs(2024));
  EXPECT_EQ(paid(r, "fell5", "101"), 0);          // 0.5 points < 5
  EXPECT_EQ(paid(r, "fell5", "102"), 2'000'000);  // 9 points
  EXPECT_EQ(r.total, 9'000'000);
}

TEST(Rewards, VillageRuleInTheNextYear) {
  // 2025: village 1's order-3 birth of 2023 is out of the two years; it has none in 2024 and 2025.
  Register reg = make_register();
  reg.figures[{11, "population", 2025}] = {910, 0, 0};
  reg.figures[{12, "population", 2025}] = {805, 0, 0};
  reg.order3_births[{12, 2025}] = {EventId(777)};  // and village 2 has one in 2025
  const RewardResult r = judge_year(ha_tinh(FellMeasure::kRelative), reg.inputs(2025));
  EXPECT_EQ(paid(r, "village2y", "10101"), 2'000'000);
  EXPECT_EQ(paid(r, "village2y", "10102"), 0);
}

RewardCaseFacts iud(int64_t event, int children, StaffId staff, Date on) {
  RewardCaseFacts k;
  k.event = EventId(event);
  k.facts.type = EventType::kContraceptionStart, k.facts.method = ContraceptiveMethod::kIud;
  k.facts.female = true, k.facts.age = 28, k.facts.children_before = children, k.facts.date = on;
  k.village = UnitId(11), k.person = PersonId(event + 1000), k.household = HouseholdId(event + 2000);
  k.recorded_by = staff, k.recorder_name = "CTV " + std::to_string(staff.value);
  return k;
}

RewardCaseFacts screening(int64_t event, std::vector<FreeGroup> groups, Date on) {
  RewardCaseFacts k;
  k.event = EventId(event);
  k.facts.type = EventType::kNewbornScreening, k.facts.conditions = 5, k.facts.date = on;
  k.village = UnitId(12), k.person = PersonId(event + 1000), k.household = HouseholdId(event + 2000);
  k.groups = std::move(groups);
  return k;
}

TEST(Rewards, CasesPerCollaboratorAndFreeGroupsExempt) {
  RuleSet s;
  s.id = "ht", s.version = "1", s.free_groups = {FreeGroup::kPoor, FreeGroup::kMountainous};
  PerEvent iud_rule;
  iud_rule.event = EventType::kContraceptionStart;
  iud_rule.methods = {ContraceptiveMethod::kIud};
  iud_rule.children_at_least = 1, iud_rule.woman_age_from = 15, iud_rule.woman_age_to = 49;
  s.rules.push_back(case_rule("iud", Beneficiary::kCollaborator, iud_rule, 100'000, d(2021, 1, 1), d(2030, 12, 31)));
  PerEvent nb;
  nb.event = EventType::kNewbornScreening, nb.conditions_at_least = 1;
  s.rules.push_back(case_rule("newborn", Beneficiary::kFamily, nb, 100'000, d(2021, 1, 1), d(2030, 12, 31), true));
  Register reg = make_register();
  const RewardResult r = judge_year(
      s, reg.inputs(2024, {iud(1, 1, StaffId(7), d(2024, 3, 1)), iud(2, 3, StaffId(7), d(2024, 5, 1)),
                           iud(3, 0, StaffId(7), d(2024, 6, 1)),       // no child yet: not a case
                           iud(4, 2, StaffId(8), d(2024, 7, 1)), iud(5, 2, StaffId(8), d(2023, 7, 1)),  // 2023: not this year
                           screening(6, {}, d(2024, 2, 2)), screening(7, {FreeGroup::kPoor}, d(2024, 2, 3)),
                           screening(8, {FreeGroup::kCoastal}, d(2024, 2, 4))}));  // coastal is not free in this set
  EXPECT_EQ(paid(r, "iud", "staff:7"), 200'000);
  EXPECT_EQ(paid(r, "iud", "staff:8"), 100'000);
  EXPECT_EQ(paid(r, "newborn", "household:2006"), 100'000);
  EXPECT_EQ(paid(r, "newborn", "household:2007"), 0);
  EXPECT_EQ(paid(r, "newborn", "household:2008"), 100'000);
  EXPECT_EQ(r.cases_exempt, 1);
  for (const Payment& p : r.payments)
    if (p.beneficiary_key == "staff:7") {
      EXPECT_EQ(p.cases, 2);
      EXPECT_EQ(p.events, (std::vector<int64_t>{1, 2}));
      EXPECT_EQ(p.commune_code, "101");
    }
  EXPECT_EQ(r.total, 500'000);
}

TEST(Rewards, TwoPolicyDirectionsInTwoYearsOfOneRegister) {
  // "No third child" rules until 2025, birth support from 2026, in one rule set.
  RuleSet s = ha_tinh(FellMeasure::kRelative);
  PerEvent second;
  second.event = EventType::kBirth, second.birth_orders = {2}, second.mother_age_below = 35;
  second.unit_indicator = UnitIndicatorBelow{"tfr", 1.8};
  s.rules.push_back(case_rule("second_before_35", Beneficiary::kPerson, second, 3'000'000, d(2026, 1, 1), d(2030, 12, 31)));
  auto birth = [](int64_t id, Date on, double tfr_before) {
    RewardCaseFacts k;
    k.event = EventId(id);
    k.facts.type = EventType::kBirth, k.facts.birth_order = 2, k.facts.mother_age = 30, k.facts.date = on;
    k.village = UnitId(11), k.person = PersonId(id + 100), k.person_name = "Mẹ " + std::to_string(id);
    k.commune_previous["tfr"] = tfr_before;
    return k;
  };
  Register reg = make_register();
  // 2025: the birth is not paid (the rule starts in 2026); the 2021-2025 rules pay.
  const RewardResult y2025 = judge_year(s, reg.inputs(2025, {birth(1, d(2025, 6, 1), 1.6)}));
  EXPECT_EQ(paid(y2025, "second_before_35", "person:101"), 0);
  EXPECT_EQ(std::count(y2025.rules_in_force.begin(), y2025.rules_in_force.end(), "fell5"), 1);
  // 2026: the birth support pays in a commune whose TFR was 1.6 the year before, not where it was 2.0.
  const RewardResult y2026 =
      judge_year(s, reg.inputs(2026, {birth(2, d(2026, 6, 1), 1.6), birth(3, d(2026, 7, 1), 2.0)}));
  EXPECT_EQ(paid(y2026, "second_before_35", "person:102"), 3'000'000);
  EXPECT_EQ(paid(y2026, "second_before_35", "person:103"), 0);
  EXPECT_EQ(std::count(y2026.rules_in_force.begin(), y2026.rules_in_force.end(), "fell5"), 0);
  EXPECT_EQ(std::count(y2026.rules_in_force.begin(), y2026.rules_in_force.end(), "fell3"), 1);
}

}  // namespace
}  // namespace danso
