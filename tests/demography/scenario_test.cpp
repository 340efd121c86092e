// Scenario paths and the adjustments to a target TFR or e0.
#include <gtest/gtest.h>

#include "demography/scenario.h"

using namespace danso::demography;

TEST(Path, InterpolatesHoldsAndStartsFromTheBase) {
  Path p{.points = {{2030, 1.9}, {2040, 2.1}}};
  EXPECT_DOUBLE_EQ(p.at(2024, 2024, 2.3), 2.3);
  EXPECT_DOUBLE_EQ(p.at(2027, 2024, 2.3), 2.3 + (1.9 - 2.3) * 3 / 6);
  EXPECT_DOUBLE_EQ(p.at(2030, 2024, 2.3), 1.9);
  EXPECT_DOUBLE_EQ(p.at(2035, 2024, 2.3), 2.0);
  EXPECT_DOUBLE_EQ(p.at(2050, 2024, 2.3), 2.1);
  EXPECT_DOUBLE_EQ(Path{}.at(2030, 2024, 2.3), 2.3);
}

TEST(Scenario, ScaleToTfrKeepsTheAgePattern) {
  const std::vector<double> asfr = {0.02, 0.10, 0.12, 0.08, 0.04, 0.01, 0.001};
  auto s = scale_to_tfr(asfr, 5, 1.5);
  ASSERT_TRUE(s.ok());
  double tfr = 0;
  for (double f : *s) tfr += 5 * f;
  EXPECT_NEAR(tfr, 1.5, 1e-12);
  EXPECT_NEAR((*s)[1] / (*s)[0], 5.0, 1e-12);
  EXPECT_FALSE(scale_to_tfr(std::vector<double>(7, 0.0), 5, 2).ok());
}

TEST(Scenario, ScaleToE0MeetsTheTargetExactly) {
  // Constant hazard: with mx = M in every group (open last), e0 = 1/M
  // whatever the ax, so scaling M to 1/60 must give 60 years.
  std::vector<double> ages, widths, mx;
  for (int a = 0; a <= 100; ++a) ages.push_back(a), widths.push_back(a == 100 ? 0 : 1), mx.push_back(0.02);
  LifeTableOptions o;
  o.ax = std::vector<double>(101, 0.5);
  auto scaled = scale_to_e0(mx, ages, widths, 60.0, o);
  ASSERT_TRUE(scaled.ok()) << scaled.error().en;
  auto t = life_table(ages, widths, *scaled, o);
  ASSERT_TRUE(t.ok());
  EXPECT_NEAR(t->e0, 60.0, 1e-6);
  EXPECT_FALSE(scale_to_e0(mx, ages, widths, 1e6, o).ok());
}
