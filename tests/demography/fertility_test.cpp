// Fertility: ASFRs with the under-15, 50+ and unknown-age rules, TFR, mean
// age at childbearing, GRR and NRR; analytic cases.
#include <gtest/gtest.h>

#include <cmath>

#include "demography/fertility.h"

using namespace danso::demography;

namespace {

TEST(demography_fertility, GeneralFertilityRate) {
  EXPECT_DOUBLE_EQ(*general_fertility_rate(1500, 25000), 60.0);
  EXPECT_FALSE(general_fertility_rate(10, 0).ok());
  EXPECT_FALSE(general_fertility_rate(-1, 10).ok());
}

TEST(demography_fertility, ConstantAsfrPointOneOverSevenGroupsGivesTfr35) {
  FertilitySchedule s{.width = 5, .rates = std::vector<double>(7, 0.1)};
  EXPECT_DOUBLE_EQ(total_fertility_rate(s), 3.5);
  EXPECT_DOUBLE_EQ(*mean_age_at_childbearing(s), 32.5);  // the mean of the midpoints 17.5 .. 47.5
  FertilitySchedule single{.width = 1, .rates = std::vector<double>(35, 0.1)};
  EXPECT_NEAR(total_fertility_rate(single), 3.5, 1e-12);
  EXPECT_NEAR(*mean_age_at_childbearing(single), 32.5, 1e-12);  // midpoints 15.5 .. 49.5
}

TEST(demography_fertility, UnderFifteenFiftyPlusAndUnknownAge) {
  // Known births 10, 20, 30, 20, 10, 5, 5; 2 under 15 join 15-19, 1 at 50+
  // joins 45-49: 12, 20, 30, 20, 10, 5, 6 (103). 51.5 of unknown age are spread
  // pro rata: every group x 1.5 -> 18, 30, 45, 30, 15, 7.5, 9.
  BirthsByMotherAge b{.births = {10, 20, 30, 20, 10, 5, 5}, .under_15 = 2, .over_49 = 1, .unknown = 51.5};
  auto g = births_by_fertility_group(b);
  ASSERT_TRUE(g.ok());
  const std::vector<double> expected = {18, 30, 45, 30, 15, 7.5, 9};
  for (size_t i = 0; i < 7; ++i) EXPECT_NEAR((*g)[i], expected[i], 1e-12);
  auto s = age_specific_fertility_rates(b, std::vector<double>(7, 100));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->width, 5);
  EXPECT_NEAR(s->rates[0], 0.18, 1e-15);
  EXPECT_NEAR(total_fertility_rate(*s), 5 * 1.545, 1e-12);
  // MAC = Σ (x + 2.5) f / Σ f = (17.5·18 + 22.5·30 + 27.5·45 + 32.5·30 + 37.5·15 + 42.5·7.5 + 47.5·9) / 154.5
  EXPECT_NEAR(*mean_age_at_childbearing(*s), 4511.25 / 154.5, 1e-12);
}

TEST(demography_fertility, SingleYearSchedule) {
  BirthsByMotherAge b;
  b.births.assign(35, 0);
  b.births[10] = 50;  // age 25
  b.under_15 = 5;     // joins age 15
  b.over_49 = 7;      // joins age 49
  std::vector<double> w(35, 1000);
  auto s = age_specific_fertility_rates(b, w);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->width, 1);
  EXPECT_DOUBLE_EQ(s->first_age(34), 49);
  EXPECT_DOUBLE_EQ(s->rates[0], 0.005);
  EXPECT_DOUBLE_EQ(s->rates[10], 0.05);
  EXPECT_DOUBLE_EQ(s->rates[34], 0.007);
  EXPECT_NEAR(total_fertility_rate(*s), 0.062, 1e-15);
}

TEST(demography_fertility, GrossAndNetReproduction) {
  FertilitySchedule s{.width = 5, .rates = std::vector<double>(7, 0.1)};
  const double f = female_share_of_births(1.05);
  EXPECT_NEAR(f, 1 / 2.05, 1e-15);
  EXPECT_NEAR(gross_reproduction_rate(s, f), 3.5 / 2.05, 1e-12);
  // No deaths before 50 (ages 0, 1-4, 5-9, ..., 45-49, open 50+): every 5Lx =
  // 5·l0 and NRR equals GRR.
  std::vector<double> mx(12, 0.0);
  mx.back() = 0.1;
  auto immortal = abridged_life_table(mx);
  ASSERT_TRUE(immortal.ok());
  EXPECT_NEAR(*net_reproduction_rate(s, *immortal, f), 3.5 / 2.05, 1e-12);
  // Constant hazard mu with exact nax: 5Lx = e^(−mu·x) (1 − e^(−5mu)) / mu per unit radix.
  const double mu = 0.01;
  std::vector<double> cmx(12, mu), ax(12);
  const std::vector<double> widths = {1, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0};
  for (size_t i = 0; i < 12; ++i)
    ax[i] = widths[i] == 0 ? 1 / mu : 1 / mu - widths[i] * std::exp(-mu * widths[i]) / (1 - std::exp(-mu * widths[i]));
  auto t = abridged_life_table(cmx, {.sex = LifeSex::kFemale, .radix = 1000, .a0_rule = A0Rule::kCoaleDemeny, .ax = ax});
  ASSERT_TRUE(t.ok());
  double expected = 0;
  for (int x = 15; x < 50; x += 5) expected += 0.1 * std::exp(-mu * x) * (1 - std::exp(-5 * mu)) / mu;
  EXPECT_NEAR(*net_reproduction_rate(s, *t, 0.5), 0.5 * expected, 1e-12);
  // A life table whose groups do not split at 15, 20, ... cannot serve.
  auto coarse = life_table({0, 10, 30}, {10, 20, 0}, {0.01, 0.01, 0.1});
  ASSERT_TRUE(coarse.ok());
  EXPECT_FALSE(net_reproduction_rate(s, *coarse, f).ok());
}

TEST(demography_fertility, BadInputs) {
  EXPECT_FALSE(births_by_fertility_group({.births = {1, 2, 3}, .under_15 = 0, .over_49 = 0, .unknown = 0}).ok());  // neither 7 nor 35 groups
  EXPECT_FALSE(births_by_fertility_group({.births = std::vector<double>(7, 0), .under_15 = 0, .over_49 = 0, .unknown = 3}).ok());
  EXPECT_FALSE(births_by_fertility_group({.births = {1, 2, 3, 4, 5, 6, -7}, .under_15 = 0, .over_49 = 0, .unknown = 0}).ok());
  BirthsByMotherAge b;
  b.births.assign(7, 1);
  EXPECT_FALSE(age_specific_fertility_rates(b, std::vector<double>(6, 10)).ok());
  auto zero = age_specific_fertility_rates(b, {10, 10, 10, 0, 10, 10, 10});
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.error().en.find("aged 30"), std::string::npos) << zero.error().en;
  EXPECT_FALSE(mean_age_at_childbearing({.width = 5, .rates = std::vector<double>(7, 0)}).ok());
}

}  // namespace
