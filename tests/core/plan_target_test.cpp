// Plan targets: each goal kind in each direction, resolved against the
// baseline and judged against the straight path, with values worked out by
// hand in the comments.
#include "core/plan_target.h"

#include <gtest/gtest.h>

#include <cmath>

namespace danso {
namespace {

const StatusRule kRule{};  // at risk within 25% of the planned change; 10% of the goal without baseline

Goal goal(int year, GoalKind kind, std::optional<double> value) {
  Goal g;
  g.year = year, g.kind = kind, g.value = value;
  return g;
}

TEST(PlanTarget, AtMostWithAPath) {
  // SRB 112 in 2020, at most 107 by 2030: the path loses 0.5 a year; 2024 expects 110.
  const Goal g = goal(2030, GoalKind::kAtMost, 107);
  const Baseline b{2020, 112};
  auto p = judge_progress(g, b, 109.5, 2024, kRule);
  EXPECT_EQ(p.status, TargetStatus::kOnTrack);
  EXPECT_DOUBLE_EQ(*p.expected, 110);
  EXPECT_DOUBLE_EQ(*p.gap, -0.5);
  // 111: one above the path; the change planned is 5, a quarter is 1.25: at risk.
  EXPECT_EQ(judge_progress(g, b, 111, 2024, kRule).status, TargetStatus::kAtRisk);
  // 111.5: 1.5 above, more than 1.25: off track.
  EXPECT_EQ(judge_progress(g, b, 111.5, 2024, kRule).status, TargetStatus::kOffTrack);
  // In the goal's year and after: met or missed.
  EXPECT_EQ(judge_progress(g, b, 107, 2030, kRule).status, TargetStatus::kMet);
  EXPECT_EQ(judge_progress(g, b, 107.2, 2031, kRule).status, TargetStatus::kMissed);
}

TEST(PlanTarget, AtLeastWithAPath) {
  // Premarital counselling 50% in 2020, at least 90% by 2030: 4 points a year; 2025 expects 70.
  const Goal g = goal(2030, GoalKind::kAtLeast, 90);
  const Baseline b{2020, 50};
  EXPECT_EQ(judge_progress(g, b, 71, 2025, kRule).status, TargetStatus::kOnTrack);
  EXPECT_EQ(judge_progress(g, b, 61, 2025, kRule).status, TargetStatus::kAtRisk);    // 9 below; allowance 10
  EXPECT_EQ(judge_progress(g, b, 59.9, 2025, kRule).status, TargetStatus::kOffTrack);  // 10.1 below
  // Already at the goal: on track whatever the path says.
  EXPECT_EQ(judge_progress(g, b, 95, 2021, kRule).status, TargetStatus::kOnTrack);
}

TEST(PlanTarget, AboutIsABandAroundThePath) {
  // Share under 15: 35.9 in 2017, about 22 ± 1.1 by 2030; 2023 expects 35.9 - 13.9 * 6/13 = 29.48.
  Goal g = goal(2030, GoalKind::kAbout, 22);
  g.tolerance = 1.1;
  const Baseline b{2017, 35.9};
  auto p = judge_progress(g, b, 30, 2023, kRule);
  EXPECT_NEAR(*p.expected, 35.9 - 13.9 * 6.0 / 13.0, 1e-12);
  EXPECT_EQ(p.status, TargetStatus::kOnTrack);  // 0.52 from the path, inside 1.1
  // 33: 3.52 from the path, 2.42 outside the band; allowance 13.9/4 = 3.475: at risk.
  EXPECT_EQ(judge_progress(g, b, 33, 2023, kRule).status, TargetStatus::kAtRisk);
  EXPECT_EQ(judge_progress(g, b, 35, 2023, kRule).status, TargetStatus::kOffTrack);
  EXPECT_EQ(judge_progress(g, b, 21, 2030, kRule).status, TargetStatus::kMet);
  EXPECT_EQ(judge_progress(g, b, 20.8, 2030, kRule).status, TargetStatus::kMissed);
}

TEST(PlanTarget, RelativeChangeBothWays) {
  // "Giảm 50%" from 0.69: at most 0.345.
  auto down = resolve_goal(goal(2030, GoalKind::kRelativeChange, -50), {2017, 0.69});
  ASSERT_TRUE(down.ok());
  EXPECT_EQ(down->sense, GoalBound::Sense::kAtMost);
  EXPECT_DOUBLE_EQ(down->target, 0.345);
  // "Tăng 20%" from 50: at least 60.
  auto up = resolve_goal(goal(2030, GoalKind::kRelativeChange, 20), {2020, 50});
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->sense, GoalBound::Sense::kAtLeast);
  EXPECT_DOUBLE_EQ(up->target, 60);
  // Half way in time, the path expects 55: 54 is at risk (1 below, allowance 2.5), 52 off track.
  EXPECT_EQ(judge_progress(goal(2030, GoalKind::kRelativeChange, 20), {2020, 50}, 54, 2025, kRule).status,
            TargetStatus::kAtRisk);
  EXPECT_EQ(judge_progress(goal(2030, GoalKind::kRelativeChange, 20), {2020, 50}, 52, 2025, kRule).status,
            TargetStatus::kOffTrack);
}

TEST(PlanTarget, PointsChangeBothWays) {
  auto down = resolve_goal(goal(2030, GoalKind::kPointsChange, -3), {2020, 10});
  EXPECT_DOUBLE_EQ(down->target, 7);
  EXPECT_EQ(down->sense, GoalBound::Sense::kAtMost);
  auto up = resolve_goal(goal(2030, GoalKind::kPointsChange, 5), {2020, 67});
  EXPECT_DOUBLE_EQ(up->target, 72);
  EXPECT_EQ(up->sense, GoalBound::Sense::kAtLeast);
}

TEST(PlanTarget, YearlyChangeInPointsAndRelative) {
  // CBR 16 per 1,000 in 2020, "giảm 0,1 mỗi năm" to 2030: 15.0.
  auto points = resolve_goal(goal(2030, GoalKind::kYearlyChange, -0.1), {2020, 16});
  EXPECT_NEAR(points->target, 15.0, 1e-12);
  EXPECT_EQ(points->sense, GoalBound::Sense::kAtMost);
  // Births of order 3+ 20% in 2020, down 2% a year compounded: 20 * 0.98^10 = 16.3415...
  Goal rel = goal(2030, GoalKind::kYearlyChange, -2);
  rel.mode = ChangeMode::kRelative;
  auto r = resolve_goal(rel, {2020, 20});
  EXPECT_NEAR(r->target, 20 * std::pow(0.98, 10), 1e-12);
  // TFR up 2% a year (the 2026 direction): 1.6 in 2025 -> 1.6 * 1.02^5 = 1.7665 by 2030.
  Goal tfr = goal(2030, GoalKind::kYearlyChange, 2);
  tfr.mode = ChangeMode::kRelative;
  auto t = resolve_goal(tfr, {2025, 1.6});
  EXPECT_NEAR(t->target, 1.6 * std::pow(1.02, 5), 1e-12);
  EXPECT_EQ(t->sense, GoalBound::Sense::kAtLeast);
  // 2027: the path expects 1.6 + 0.1665 * 2/5; 1.62 misses it by 0.0466, within a quarter (0.0416)? No: off track.
  const double expected = 1.6 + (1.6 * std::pow(1.02, 5) - 1.6) * 0.4;
  auto p = judge_progress(tfr, {2025, 1.6}, 1.62, 2027, kRule);
  EXPECT_NEAR(*p.expected, expected, 1e-12);
  EXPECT_EQ(p.status, TargetStatus::kOffTrack);
  EXPECT_EQ(judge_progress(tfr, {2025, 1.6}, 1.65, 2027, kRule).status, TargetStatus::kAtRisk);
}

TEST(PlanTarget, NoBaselineJudgesAgainstTheGoal) {
  // Population at most 700,000 in 2030, no baseline: 10% of the goal is the allowance.
  const Goal g = goal(2030, GoalKind::kAtMost, 700000);
  EXPECT_EQ(judge_progress(g, {}, 650000, 2025, kRule).status, TargetStatus::kOnTrack);
  EXPECT_EQ(judge_progress(g, {}, 760000, 2025, kRule).status, TargetStatus::kAtRisk);
  EXPECT_EQ(judge_progress(g, {}, 780000, 2025, kRule).status, TargetStatus::kOffTrack);
}

TEST(PlanTarget, MissingValuesAreUndefinedOrNoData) {
  // A lost cell: no goal value.
  auto p = judge_progress(goal(2025, GoalKind::kAtMost, std::nullopt), {2017, 567000}, 600000, 2024, kRule);
  EXPECT_EQ(p.status, TargetStatus::kUndefined);
  EXPECT_NE(p.reason_en.find("no goal value"), std::string::npos);
  // A change with no baseline value.
  EXPECT_EQ(judge_progress(goal(2030, GoalKind::kRelativeChange, -50), {2017, std::nullopt}, 1, 2024, kRule).status,
            TargetStatus::kUndefined);
  // No value this year.
  EXPECT_EQ(judge_progress(goal(2030, GoalKind::kAtMost, 107), {2020, 112}, std::nullopt, 2024, kRule).status,
            TargetStatus::kNoData);
}

TEST(PlanTarget, GoalChecksNameTheField) {
  Goal about = goal(2030, GoalKind::kAbout, 22);
  auto st = check_goal(about, {}, "targets[3].goals[0]");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().field, "targets[3].goals[0].tolerance");
  Goal wrong = goal(2030, GoalKind::kRelativeChange, 10);
  wrong.direction = ChangeDirection::kDecrease;
  EXPECT_EQ(check_goal(wrong, {2020, 1}, "g").error().field, "g.direction");
  EXPECT_EQ(check_goal(goal(2019, GoalKind::kAtMost, 1), {2020, 1}, "g").error().field, "g.year");
  EXPECT_EQ(check_goal(goal(2030, GoalKind::kRelativeChange, -100), {2020, 1}, "g").error().field, "g.value");
  EXPECT_TRUE(check_goal(goal(2030, GoalKind::kAtMost, 1), {2020, 2}, "g").ok());
}

TEST(PlanTarget, SeverityOrdersWorstFirst) {
  EXPECT_GT(status_severity(TargetStatus::kMissed), status_severity(TargetStatus::kOffTrack));
  EXPECT_GT(status_severity(TargetStatus::kOffTrack), status_severity(TargetStatus::kAtRisk));
  EXPECT_GT(status_severity(TargetStatus::kAtRisk), status_severity(TargetStatus::kOnTrack));
  EXPECT_GT(status_severity(TargetStatus::kOnTrack), status_severity(TargetStatus::kMet));
}

}  // namespace
}  // namespace danso
