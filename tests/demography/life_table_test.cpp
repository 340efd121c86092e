// Life tables: analytic cases that hold exactly, and a small table computed
// by hand from the formulas of Preston et al. (2001), ch. 3.
#include <gtest/gtest.h>

#include <cmath>

#include "demography/life_table.h"

using namespace danso::demography;

namespace {

std::vector<double> abridged_ages() {
  std::vector<double> a = {0, 1};
  for (int x = 5; x <= 85; x += 5) a.push_back(x);
  return a;
}

std::vector<double> abridged_widths() {
  std::vector<double> n = {1, 4};
  for (int x = 5; x < 85; x += 5) n.push_back(5);
  n.push_back(0);
  return n;
}

TEST(LifeTableTest, OpenGroupFromBirthGivesOneOverM) {
  auto t = life_table({0}, {0}, {0.02});
  ASSERT_TRUE(t.ok());
  EXPECT_DOUBLE_EQ(t->e0, 50.0);
  EXPECT_DOUBLE_EQ(t->rows[0].qx, 1.0);
}

TEST(LifeTableTest, ConstantHazardWithExactAxGivesOneOverMAtEveryAge) {
  const double mu = 0.03;
  const auto ages = abridged_ages();
  const auto widths = abridged_widths();
  std::vector<double> mx(ages.size(), mu), ax(ages.size());
  for (size_t i = 0; i < ages.size(); ++i) {
    const double n = widths[i];
    // Mean time lived in the interval by those who die in it, constant hazard.
    ax[i] = n == 0 ? 1 / mu : 1 / mu - n * std::exp(-mu * n) / (1 - std::exp(-mu * n));
  }
  auto t = life_table(ages, widths, mx, {.sex = LifeSex::kBoth, .radix = 100000, .a0_rule = A0Rule::kCoaleDemeny, .ax = ax});
  ASSERT_TRUE(t.ok());
  for (const auto& r : t->rows) {
    EXPECT_NEAR(r.ex, 1 / mu, 1e-9) << "age " << r.age;
    if (r.n > 0) {
      EXPECT_NEAR(r.qx, 1 - std::exp(-mu * r.n), 1e-12);
    }
  }
}

TEST(LifeTableTest, TwoGroupsByHand) {
  // 1m0 = 0.05, female: a0 = 0.053 + 2.8 x 0.05 = 0.193 (Preston et al. Table 3.3);
  // q0 = 0.05 / (1 + 0.807 x 0.05) = 0.0480607487; L0 = l1 + a0 d0; L1+ = l1 / 0.1.
  auto t = life_table({0, 1}, {1, 0}, {0.05, 0.1}, {.sex = LifeSex::kFemale, .radix = 100000, .a0_rule = A0Rule::kCoaleDemeny, .ax = {}});
  ASSERT_TRUE(t.ok());
  EXPECT_NEAR(t->rows[0].ax, 0.193, 1e-12);
  EXPECT_NEAR(t->rows[0].qx, 0.04806074878646609, 1e-12);
  EXPECT_NEAR(t->rows[0].Lx, 96121.49757293219, 1e-6);
  EXPECT_NEAR(t->rows[1].Lx, 951939.2512135339, 1e-6);
  EXPECT_NEAR(t->e0, 10.48060748786466, 1e-9);
  EXPECT_NEAR(t->rows[1].ex, 10.0, 1e-12);
  EXPECT_EQ(t->a0_rule, "coale-demeny");
}

TEST(LifeTableTest, A0Rules) {
  EXPECT_NEAR(a0_coale_demeny(0.02, LifeSex::kMale), 0.045 + 2.684 * 0.02, 1e-15);
  EXPECT_NEAR(a0_coale_demeny(0.2, LifeSex::kFemale), 0.350, 1e-15);
  EXPECT_NEAR(a1_4_coale_demeny(0.02, LifeSex::kMale), 1.651 - 2.816 * 0.02, 1e-15);
  EXPECT_NEAR(a0_andreev_kingkade(0.01, LifeSex::kMale), 0.1293355, 1e-12);
  EXPECT_NEAR(a0_andreev_kingkade(0.05, LifeSex::kFemale), 0.04667 + 3.88089 * 0.05, 1e-12);
  EXPECT_NEAR(a0_andreev_kingkade(0.1, LifeSex::kMale), 0.29915, 1e-12);
}

TEST(LifeTableTest, BadInputIsRefused) {
  EXPECT_FALSE(life_table({0, 1}, {1, 0}, {0.05}).ok());
  EXPECT_FALSE(life_table({0, 1}, {1, 0}, {-0.05, 0.1}).ok());
  EXPECT_FALSE(life_table({0, 1}, {1, 0}, {0.05, 0.0}).ok());
  EXPECT_FALSE(life_table({0, 2}, {1, 0}, {0.05, 0.1}).ok());
}

}  // namespace
