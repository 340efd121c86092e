// Reward rules: the per-event filters, "fell by" read both ways, and the
// checks that refuse an impossible or malformed rule.
#include "core/reward_rule.h"

#include <gtest/gtest.h>

namespace danso {
namespace {

EventCase iud_case(int age, int children) {
  EventCase e;
  e.type = EventType::kContraceptionStart;
  e.method = ContraceptiveMethod::kIud;
  e.female = true, e.age = age, e.children_before = children;
  return e;
}

TEST(RewardRule, IudCaseNeedsAWomanOfReproductiveAgeWithAChild) {
  PerEvent c;
  c.event = EventType::kContraceptionStart;
  c.methods = {ContraceptiveMethod::kIud};
  c.children_at_least = 1;
  c.woman_age_from = 15, c.woman_age_to = 49;
  EXPECT_TRUE(event_matches(c, iud_case(30, 1)));
  EXPECT_FALSE(event_matches(c, iud_case(30, 0)));  // no child yet
  EXPECT_FALSE(event_matches(c, iud_case(50, 2)));  // past 49
  EventCase pill = iud_case(30, 2);
  pill.method = ContraceptiveMethod::kPill;
  EXPECT_FALSE(event_matches(c, pill));
  EventCase man = iud_case(30, 2);
  man.female = false;
  EXPECT_FALSE(event_matches(c, man));
}

TEST(RewardRule, BirthSupportBySecondChildMotherAgeAndLowFertility) {
  PerEvent c;
  c.event = EventType::kBirth;
  c.birth_orders = {2};
  c.mother_age_below = 35;
  c.unit_indicator = UnitIndicatorBelow{"tfr", 1.8};
  EventCase b;
  b.type = EventType::kBirth, b.birth_order = 2, b.mother_age = 34, b.unit_indicator_previous = 1.7;
  EXPECT_TRUE(event_matches(c, b));
  b.mother_age = 35;
  EXPECT_FALSE(event_matches(c, b));
  b.mother_age = 30, b.unit_indicator_previous = 1.8;  // not below 1.8
  EXPECT_FALSE(event_matches(c, b));
  b.unit_indicator_previous.reset();  // the commune had no TFR the year before
  EXPECT_FALSE(event_matches(c, b));
  b.unit_indicator_previous = 1.5, b.birth_order = 3;
  EXPECT_FALSE(event_matches(c, b));
}

TEST(RewardRule, FellByFivePercentReadsBothWays) {
  // A commune's share of births of order 3+ went from 8.0% to 7.5%.
  IndicatorFell relative{"births_order3plus_share", 5, FellMeasure::kRelative};
  IndicatorFell points{"births_order3plus_share", 5, FellMeasure::kPoints};
  double change = 0;
  EXPECT_TRUE(fell_enough(relative, 8.0, 7.5, &change));  // (8 - 7.5) / 8 = 6.25% >= 5%
  EXPECT_DOUBLE_EQ(change, 6.25);
  EXPECT_FALSE(fell_enough(points, 8.0, 7.5, &change));  // 0.5 points < 5 points
  EXPECT_DOUBLE_EQ(change, 0.5);
  // From 12% to 6%: 50% relative and 6 points: both readings pay.
  EXPECT_TRUE(fell_enough(relative, 12, 6));
  EXPECT_TRUE(fell_enough(points, 12, 6));
  // From 8% to 7.6%: exactly 5% relative.
  EXPECT_TRUE(fell_enough(relative, 8.0, 7.6));
  // Nothing to fall from.
  EXPECT_FALSE(fell_enough(relative, 0, 0));
}

RewardRule valid_unit_rule() {
  RewardRule r;
  r.id = "commune_order3_below_5";
  r.valid_from = Date::from_ymd_unchecked(2021, 1, 1), r.valid_to = Date::from_ymd_unchecked(2030, 12, 31);
  r.beneficiary = Beneficiary::kCommune;
  r.condition = IndicatorBelow{"births_order3plus_share", 5};
  r.per = AmountPer::kUnit;
  r.amount_vnd = 5'000'000;
  return r;
}

TEST(RewardRule, ChecksNameTheRuleAndField) {
  EXPECT_TRUE(check_rule(valid_unit_rule(), "rules[0]").ok());
  RewardRule r = valid_unit_rule();
  r.amount_vnd = 0;
  EXPECT_EQ(check_rule(r, "rules[0]").error().field, "rules[0].amount.vnd");
  r = valid_unit_rule();
  r.valid_to = Date::from_ymd_unchecked(2020, 1, 1);
  EXPECT_EQ(check_rule(r, "rules[0]").error().field, "rules[0].valid_to");
  r = valid_unit_rule();
  r.condition = IndicatorFell{"births_order3plus_share", 120, FellMeasure::kRelative};
  auto st = check_rule(r, "rules[1]");
  EXPECT_EQ(st.error().field, "rules[1].condition.by");
  EXPECT_NE(st.error().en.find("impossible"), std::string::npos);
  r = valid_unit_rule();
  r.beneficiary = Beneficiary::kCollaborator;  // a commune's indicator does not pay a collaborator
  EXPECT_EQ(check_rule(r, "rules[0]").error().field, "rules[0].beneficiary");
  // A per-event rule with an impossible birth order.
  RewardRule e;
  e.id = "x";
  e.valid_from = Date::from_ymd_unchecked(2026, 1, 1), e.valid_to = Date::from_ymd_unchecked(2030, 12, 31);
  e.beneficiary = Beneficiary::kFamily;
  PerEvent pe;
  pe.event = EventType::kBirth;
  pe.birth_orders = {1};
  pe.birth_order_at_least = 2;
  e.condition = pe;
  e.per = AmountPer::kCase;
  e.amount_vnd = 1'000'000;
  EXPECT_EQ(check_rule(e, "rules[2]").error().field, "rules[2].condition");
  pe.birth_orders = {2};
  e.condition = pe;
  EXPECT_TRUE(check_rule(e, "rules[2]").ok());
  pe.methods = {ContraceptiveMethod::kIud};  // a birth has no method
  e.condition = pe;
  EXPECT_EQ(check_rule(e, "rules[2]").error().field, "rules[2].condition.method");
}

TEST(RewardRule, InForceIsInclusive) {
  RewardRule r = valid_unit_rule();
  EXPECT_TRUE(r.in_force(Date::from_ymd_unchecked(2030, 12, 31)));
  EXPECT_TRUE(r.in_force(Date::from_ymd_unchecked(2021, 1, 1)));
  EXPECT_FALSE(r.in_force(Date::from_ymd_unchecked(2020, 12, 31)));
}

}  // namespace
}  // namespace danso
