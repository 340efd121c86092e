// Sex ratio at birth, order-3+ shares, contraceptive prevalence and the
// fertility bands.
#include <gtest/gtest.h>

#include "demography/births.h"
#include "demography/family_planning.h"
#include "demography/fertility_band.h"

using namespace danso::demography;

namespace {

TEST(demography_births, SexRatioAtBirth) {
  EXPECT_DOUBLE_EQ(*sex_ratio_at_birth(112, 100), 112.0);
  EXPECT_DOUBLE_EQ(*sex_ratio_at_birth(1113, 1000), 111.3);
  EXPECT_DOUBLE_EQ(*sex_ratio_at_birth_boys_per_girl(105, 100), 1.05);
  auto none = sex_ratio_at_birth(3, 0);
  ASSERT_FALSE(none.ok());
  EXPECT_FALSE(none.error().vi.empty());
  EXPECT_FALSE(sex_ratio_at_birth(-1, 10).ok());
}

TEST(demography_births, OrderThreePlusShares) {
  // 1,000 live births, 120 of order 3+; 990 mothers (ten twin births), 115 of whom had a 3rd+ birth.
  EXPECT_DOUBLE_EQ(*share_of_births_of_order_3_plus(120, 1000), 12.0);
  EXPECT_NEAR(*share_of_mothers_with_birth_of_order_3_plus(115, 990), 100.0 * 115 / 990, 1e-12);
  EXPECT_FALSE(share_of_births_of_order_3_plus(12, 10).ok());  // more than all births
  EXPECT_FALSE(share_of_births_of_order_3_plus(0, 0).ok());
  EXPECT_FALSE(share_of_mothers_with_birth_of_order_3_plus(1, 0).ok());
}

TEST(demography_births, ContraceptivePrevalence) {
  EXPECT_DOUBLE_EQ(*contraceptive_prevalence(6800, 10000), 68.0);
  EXPECT_DOUBLE_EQ(*modern_contraceptive_prevalence(5725, 10000), 57.25);
  EXPECT_FALSE(contraceptive_prevalence(10, 0).ok());
  EXPECT_FALSE(contraceptive_prevalence(11, 10).ok());
  EXPECT_FALSE(modern_contraceptive_prevalence(-1, 10).ok());
}

TEST(demography_births, FertilityBandsWithDefaultAndGivenThresholds) {
  EXPECT_EQ(*fertility_band(2.31), "high");
  EXPECT_EQ(*fertility_band(2.3), "replacement");  // equal to a threshold
  EXPECT_EQ(*fertility_band(2.1), "replacement");
  EXPECT_EQ(*fertility_band(1.8), "replacement");
  EXPECT_EQ(*fertility_band(1.79), "low");
  const FertilityBands strict{.high_above = 2.1, .low_below = 2.0};
  EXPECT_EQ(*fertility_band(2.2, strict), "high");
  EXPECT_EQ(*fertility_band(1.9, strict), "low");
  EXPECT_EQ(*fertility_band_of(2.05, strict), FertilityBand::kReplacement);
  EXPECT_FALSE(fertility_band(2.0, {.high_above = 1.5, .low_below = 2.5}).ok());
  EXPECT_FALSE(fertility_band(-0.1).ok());
}

}  // namespace
