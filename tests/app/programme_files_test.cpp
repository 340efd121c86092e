// The programme's files: the plans and rule sets shipped in data/programme/
// read as the seeds give them, and bad files refused naming the rule and
// field, in both languages.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/programme/plan_file.h"
#include "app/programme/rule_file.h"

namespace danso {
namespace {

std::string read(const std::string& rel) {
  std::ifstream in(std::string(DANSO_PROJECT_DATA) + "/programme/" + rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const analytics::IndicatorCatalogue& catalogue() {
  static const analytics::IndicatorCatalogue c = analytics::IndicatorCatalogue::defaults();
  return c;
}

const PlanTarget* target(const Plan& p, const std::string& key) {
  for (const PlanTarget& t : p.targets)
    if (t.key == key) return &t;
  return nullptr;
}

TEST(ProgrammeFiles, DienBienTableAsTheSeedGivesIt) {
  auto plan = read_plan_file(read("plans/dien-bien-2017-2030.json"), catalogue());
  ASSERT_TRUE(plan.ok()) << plan.error().en;
  EXPECT_EQ(plan->unit_code, "11");
  EXPECT_EQ(plan->targets.size(), 21u);
  const PlanTarget* pop = target(*plan, "population");
  ASSERT_NE(pop, nullptr);
  EXPECT_EQ(pop->indicator, "population");
  EXPECT_EQ(pop->baseline.year, 2017);
  EXPECT_EQ(pop->baseline.value, 567000);
  ASSERT_EQ(pop->goals.size(), 2u);
  EXPECT_FALSE(pop->goals[0].value.has_value());  // the lost "10.400" cell of 2025
  EXPECT_EQ(pop->goals[1].kind, GoalKind::kAtMost);
  EXPECT_EQ(pop->goals[1].value, 700000);
  const PlanTarget* srb = target(*plan, "srb");
  EXPECT_EQ(srb->baseline.value, 109.7);
  EXPECT_EQ(srb->goals[1].value, 109);
  const PlanTarget* under15 = target(*plan, "share_under15");
  EXPECT_EQ(under15->goals[1].kind, GoalKind::kAbout);
  EXPECT_EQ(under15->goals[1].tolerance, 1.1);
  int manual = 0;
  for (const PlanTarget& t : plan->targets) manual += !t.indicator;
  EXPECT_EQ(manual, 11);
}

TEST(ProgrammeFiles, CamXuyenTargets) {
  auto plan = read_plan_file(read("plans/cam-xuyen-2021-2030.json"), catalogue());
  ASSERT_TRUE(plan.ok()) << plan.error().en;
  EXPECT_EQ(plan->targets.size(), 25u);
  int counted = 0;
  for (const PlanTarget& t : plan->targets) counted += t.indicator.has_value();
  EXPECT_EQ(counted, 13);
  const PlanTarget* pop = target(*plan, "population");
  ASSERT_NE(pop, nullptr);
  EXPECT_EQ(pop->goals.back().year, 2030);
  EXPECT_EQ(pop->goals.back().value, 160000);
}

TEST(ProgrammeFiles, HaTinhResolutionAndBirthSupportRules) {
  auto ht = read_rule_file(read("rules/ha-tinh-221-2020.json"), catalogue());
  ASSERT_TRUE(ht.ok()) << ht.error().en;
  EXPECT_EQ(ht->rules.size(), 9u);
  EXPECT_EQ(ht->free_groups.size(), 6u);
  int64_t commune_below = 0;
  for (const RewardRule& r : ht->rules) {
    if (r.id == "commune_order3_below_5") commune_below = r.amount_vnd;
    if (r.id == "commune_order3_fell_5_2021_2025") {
      const auto& c = std::get<IndicatorFell>(r.condition);
      EXPECT_EQ(c.by, 5);
      EXPECT_EQ(c.measure, FellMeasure::kRelative);
      EXPECT_EQ(r.valid_to, Date::from_ymd_unchecked(2025, 12, 31));
    }
    if (r.id == "family_newborn_screening") {
      EXPECT_TRUE(r.exempt_free_groups);
    }
  }
  EXPECT_EQ(commune_below, 5'000'000);
  auto bs = read_rule_file(read("rules/birth-support-2026.json"), catalogue());
  ASSERT_TRUE(bs.ok()) << bs.error().en;
  EXPECT_EQ(bs->rules.size(), 3u);
  EXPECT_EQ(bs->rules.front().valid_from, Date::from_ymd_unchecked(2026, 1, 1));
}

std::string rule_file(const std::string& rule) {
  return R"({"format":"danso-rules/1","id":"t","version":"1","title":"Thử","rules":[)" + rule + "]}";
}

TEST(ProgrammeFiles, BadRulesAreRefusedNamingTheRuleAndField) {
  const std::string good =
      R"({"id":"a","name_vi":"A","valid_from":"2021-01-01","valid_to":"2025-12-31","beneficiary":"commune",)"
      R"("condition":{"kind":"indicator_below","indicator":"births_order3plus_share","value":5},"amount":{"per":"unit","vnd":5000000}})";
  ASSERT_TRUE(read_rule_file(rule_file(good), catalogue()).ok());
  // An unknown indicator in the second rule.
  std::string bad = good;
  bad.replace(bad.find("\"a\""), 3, "\"b\"");
  bad.replace(bad.find("births_order3plus_share"), 23, "births_order9_share");
  auto r = read_rule_file(rule_file(good + "," + bad), catalogue());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "rules[1].condition.indicator");
  EXPECT_NE(r.error().vi.find("không có chỉ tiêu 'births_order9_share'"), std::string::npos);
  EXPECT_NE(r.error().en.find("no indicator 'births_order9_share'"), std::string::npos);
  // An impossible condition: a fall of 150%.
  auto impossible = read_rule_file(
      rule_file(R"({"id":"c","name_vi":"C","valid_from":"2021-01-01","valid_to":"2025-12-31","beneficiary":"commune",)"
                R"("condition":{"kind":"indicator_fell","indicator":"births_order3plus_share","by":150,"measure":"relative"},)"
                R"("amount":{"per":"unit","vnd":2000000}})"),
      catalogue());
  ASSERT_FALSE(impossible.ok());
  EXPECT_EQ(impossible.error().field, "rules[0].condition.by");
  // A bad amount: a string, then a negative number.
  std::string amount = good;
  amount.replace(amount.find("5000000"), 7, "\"5tr\"");
  EXPECT_EQ(read_rule_file(rule_file(amount), catalogue()).error().field, "rules[0].amount.vnd");
  amount = good;
  amount.replace(amount.find("5000000"), 7, "-5");
  EXPECT_EQ(read_rule_file(rule_file(amount), catalogue()).error().field, "rules[0].amount.vnd");
  // Every problem is listed, the first returned with the count of the others.
  auto all = parse_rule_file(rule_file(bad + "," + amount), catalogue());
  EXPECT_FALSE(all.rules.has_value());
  EXPECT_EQ(all.problems.size(), 2u);
  EXPECT_NE(read_rule_file(rule_file(bad + "," + amount), catalogue()).error().en.find("(and 1 more problems)"),
            std::string::npos);
}

TEST(ProgrammeFiles, BadPlansAreRefusedNamingTheTargetAndField) {
  const std::string head = R"({"format":"danso-plan/1","number":"1/KH","title":"T","unit":{"code":"99"},)"
                           R"("start":"2021-01-01","end":"2030-12-31","targets":[)";
  auto plan = [&](const std::string& t) { return read_plan_file(head + t + "]}", catalogue()); };
  EXPECT_TRUE(plan(R"({"key":"tfr","indicator":"tfr","name_vi":"TFR","goals":[{"year":2030,"kind":"about","value":2.1,"tolerance":0.1}]})").ok());
  EXPECT_EQ(plan(R"({"key":"tfr","indicator":"tfr","name_vi":"TFR","goals":[{"year":2030,"kind":"about","value":2.1}]})").error().field,
            "targets[0].goals[0].tolerance");
  EXPECT_EQ(plan(R"({"key":"x","indicator":"nope","name_vi":"X","goals":[{"year":2030,"kind":"at_most","value":1}]})").error().field,
            "targets[0].indicator");
  EXPECT_EQ(plan(R"({"key":"x","name_vi":"X","goals":[{"year":2030,"kind":"roughly","value":1}]})").error().field,
            "targets[0].goals[0].kind");
  EXPECT_EQ(plan(R"({"key":"x","name_vi":"X","goals":[{"year":2035,"kind":"at_most","value":1}]})").error().field,
            "targets[0].goals");
  EXPECT_EQ(plan(R"({"key":"x","name_vi":"X","baseline":{"year":2020,"value":3},"goals":[{"year":2030,"kind":"relative_change","value":-120}]})").error().field,
            "targets[0].goals[0].value");
  EXPECT_EQ(read_plan_file("[1,2]", catalogue()).error().field, "file");
}

}  // namespace
}  // namespace danso
