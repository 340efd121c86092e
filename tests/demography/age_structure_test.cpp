// Age structure: shares, dependency ratios with either set of cut-offs,
// ageing index, median age, sex ratio.
#include <gtest/gtest.h>

#include "demography/age_structure.h"

using namespace danso::demography;

namespace {

// 5-year groups 0-4 .. 80-84, 85+.
AgeGroups five_year(std::vector<double> counts) {
  AgeGroups p;
  for (size_t i = 0; i < counts.size(); ++i) p.ages.push_back(5.0 * double(i));
  p.counts = std::move(counts);
  return p;
}

TEST(demography_age_structure, SharesDependencyAndAgeing) {
  // 18 groups of 100 except: 0-14 = 3 x 100, 15-59 = 9 x 100, 60-64 = 100, 65+ = 5 x 100.
  AgeGroups p = five_year(std::vector<double>(18, 100));
  EXPECT_NEAR(*share_below(p, 15), 100.0 * 300 / 1800, 1e-12);
  EXPECT_NEAR(*share_at_or_over(p, 65), 100.0 * 500 / 1800, 1e-12);
  EXPECT_NEAR(*child_dependency_ratio(p), 100.0 * 300 / 1000, 1e-12);
  EXPECT_NEAR(*old_age_dependency_ratio(p), 100.0 * 500 / 1000, 1e-12);
  EXPECT_NEAR(*total_dependency_ratio(p), 80.0, 1e-12);
  EXPECT_NEAR(*ageing_index(p), 100.0 * 500 / 300, 1e-12);
  // Plan 004: 15-59 working ages and 60+ old.
  const AgeCutoffs plan{.young = 15, .old = 60};
  EXPECT_NEAR(*total_dependency_ratio(p, plan), 100.0 * (300 + 600) / 900, 1e-12);
  EXPECT_NEAR(*ageing_index(p, plan), 200.0, 1e-12);
}

TEST(demography_age_structure, CutoffsMustBeBoundaries) {
  AgeGroups p = five_year(std::vector<double>(18, 100));
  auto r = share_below(p, 16);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().en.find("age 16"), std::string::npos);
  EXPECT_FALSE(total_dependency_ratio(p, {.young = 15, .old = 62}).ok());
  EXPECT_FALSE(total_dependency_ratio(p, {.young = 65, .old = 15}).ok());
  EXPECT_FALSE(median_age({.ages = {0, 5}, .counts = {1}}).ok());
  EXPECT_FALSE(median_age({.ages = {0, 5}, .counts = {1, -1}}).ok());
}

TEST(demography_age_structure, MedianOfSymmetricDistribution) {
  // Single years 0..99 with counts symmetric about 50, and an empty 100+.
  AgeGroups p;
  for (int a = 0; a <= 100; ++a) {
    p.ages.push_back(a);
    p.counts.push_back(a == 100 ? 0 : double(std::min(a + 1, 100 - a)));
  }
  EXPECT_NEAR(*median_age(p), 50.0, 1e-12);
}

TEST(demography_age_structure, MedianInterpolatesWithinItsGroup) {
  // 40 below 20, 40 in 20-29 (width 10), 20 at 30+: half = 50 lies 10/40 into 20-29.
  AgeGroups p{.ages = {0, 20, 30}, .counts = {40, 40, 20}};
  EXPECT_DOUBLE_EQ(*median_age(p), 22.5);
  AgeGroups old{.ages = {0, 20, 30}, .counts = {10, 10, 80}};
  auto r = median_age(old);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().en.find("open age group"), std::string::npos);
}

TEST(demography_age_structure, SexRatio) {
  EXPECT_DOUBLE_EQ(*sex_ratio(980, 1000), 98.0);
  EXPECT_FALSE(sex_ratio(1, 0).ok());
}

}  // namespace
