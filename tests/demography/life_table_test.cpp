// Life tables: Preston et al. (2001) Box 3.1 (Austria 1992, males) to the
// digits the book prints, and analytic cases that hold exactly.
#include <gtest/gtest.h>

#include <cmath>

#include "demography/life_table.h"

using namespace danso::demography;

namespace {

std::vector<double> abridged_ages(int open) {
  std::vector<double> a = {0, 1};
  for (int x = 5; x <= open; x += 5) a.push_back(x);
  return a;
}

std::vector<double> abridged_widths(int open) {
  std::vector<double> n = {1, 4};
  for (int x = 5; x < open; x += 5) n.push_back(5);
  n.push_back(0);
  return n;
}

// Preston, Heuveline and Guillot (2001), Box 3.1, from United Nations (1994):
// deaths, mid-year population and the nax the book uses (ages 0 and 1-4 from
// Table 3.3; the open group is 1/M), and the lx, ndx, nLx it prints.
const std::vector<double> kAustriaPop = {47925,  189127, 234793, 238790, 254996, 326831, 355086,
                                         324222, 269963, 261971, 238011, 261612, 181385, 187962,
                                         153832, 105169, 73694,  57512,  32248};
const std::vector<double> kAustriaDeaths = {419,  70,   36,   46,   249,  420,  403,  441,  508, 769,
                                            1154, 1866, 2043, 3496, 4366, 4337, 5279, 6460, 6146};
const std::vector<double> kAustriaAx = {0.068, 1.626, 2.5,   3.143, 2.724, 2.520, 2.481, 2.601, 2.701, 2.663,
                                        2.698, 2.676, 2.645, 2.624, 2.619, 2.593, 2.518, 2.423, 5.247};
const std::vector<double> kAustriaLx = {100000, 99133, 98986, 98910, 98815, 98334, 97704, 97151, 96492, 95588,
                                        94195,  91937, 88711, 83845, 76377, 66225, 53803, 37441, 21134};
const std::vector<double> kAustriaDx = {867,  147,   76,    95,    481,   630,   553,   659,   904,  1393,
                                        2258, 3225,  4867,  7467,  10152, 12422, 16362, 16307, 21134};
const std::vector<double> kAustriaLLx = {99192,  396183, 494741, 494375, 492980, 490106, 487127,
                                         484175, 480384, 474686, 465777, 452188, 432096, 401480,
                                         357713, 301224, 228404, 145182, 110889};

TEST(demography_life_table, PrestonBox31AustriaMales1992) {
  // The open group takes 1/M whatever is given (the book prints 5.247 = 1/M).
  std::vector<double> ax = kAustriaAx;
  ax.back() = 99;
  auto t = life_table_from_deaths(abridged_ages(85), abridged_widths(85), kAustriaDeaths, kAustriaPop,
                                  {.sex = LifeSex::kMale, .radix = 100000, .a0_rule = A0Rule::kCoaleDemeny, .ax = ax});
  ASSERT_TRUE(t.ok()) << t.error().en;
  ASSERT_EQ(t->rows.size(), 19u);
  double T = 0;
  for (double L : kAustriaLLx) T += L;
  for (size_t i = 0; i < 19; ++i) {
    const auto& r = t->rows[i];
    // The book prints whole numbers: each value agrees to the rounding.
    EXPECT_NEAR(r.lx, kAustriaLx[i], 0.5) << "lx at " << r.age;
    EXPECT_NEAR(r.dx, kAustriaDx[i], 0.5) << "dx at " << r.age;
    EXPECT_NEAR(r.Lx, kAustriaLLx[i], 0.5) << "Lx at " << r.age;
  }
  EXPECT_NEAR(t->rows[0].qx, 0.008672, 5e-7);  // 1q0 as printed
  EXPECT_NEAR(t->rows[18].ax, 5.247, 5e-4);
  EXPECT_EQ(t->rows[18].ax_rule, "1/M");
  EXPECT_EQ(t->rows[0].ax_rule, "given");
  // e0 from the printed nLx column: 72.889 (the sum of 19 rounded values is within 1e-4).
  EXPECT_NEAR(t->e0, T / 100000, 1e-4);
  EXPECT_NEAR(t->e0, 72.889, 5e-4);
}

TEST(demography_life_table, PrestonTable33ReproducesAustriasA0And4a1) {
  // The book's a0 = 0.068 and 4a1 = 1.626 are Table 3.3 (male) applied to 1m0 = 419/47925.
  const double m0 = 419.0 / 47925;
  EXPECT_NEAR(a0_coale_demeny(m0, LifeSex::kMale), 0.068, 5e-4);
  EXPECT_NEAR(a1_4_coale_demeny(m0, LifeSex::kMale), 1.626, 5e-4);
  // With the default rules (Table 3.3 for 0 and 1-4, n/2 elsewhere) e0 moves by
  // less than 0.1 year against the book's graduated nax.
  auto t = life_table_from_deaths(abridged_ages(85), abridged_widths(85), kAustriaDeaths, kAustriaPop,
                                  {.sex = LifeSex::kMale, .radix = 100000, .a0_rule = A0Rule::kCoaleDemeny, .ax = {}});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0].ax_rule, "coale-demeny");
  EXPECT_EQ(t->rows[1].ax_rule, "coale-demeny");
  EXPECT_EQ(t->rows[2].ax_rule, "n/2");
  EXPECT_DOUBLE_EQ(t->rows[2].ax, 2.5);
  EXPECT_NEAR(t->rows[0].ax, 0.045 + 2.684 * m0, 1e-15);
  EXPECT_NEAR(t->e0, 72.889, 0.1);
  EXPECT_GT(std::fabs(t->e0 - 72.889), 1e-4);  // the nax rule does change the result
}

TEST(demography_life_table, OpenGroupFromBirthGivesOneOverM) {
  auto t = life_table({0}, {0}, {0.02});
  ASSERT_TRUE(t.ok());
  EXPECT_DOUBLE_EQ(t->e0, 50.0);
  EXPECT_DOUBLE_EQ(t->rows[0].qx, 1.0);
  EXPECT_EQ(t->rows[0].ax_rule, "1/M");
}

// For a constant hazard mu the exact nax is 1/mu − n·e^(−mu·n) / (1 − e^(−mu·n)).
double exact_ax(double mu, double n) { return n == 0 ? 1 / mu : 1 / mu - n * std::exp(-mu * n) / (1 - std::exp(-mu * n)); }

TEST(demography_life_table, ConstantHazardWithExactAxGivesOneOverMAtEveryAge) {
  const double mu = 0.03;
  const auto ages = abridged_ages(85);
  const auto widths = abridged_widths(85);
  std::vector<double> mx(ages.size(), mu), ax(ages.size());
  for (size_t i = 0; i < ages.size(); ++i) ax[i] = exact_ax(mu, widths[i]);
  auto t = life_table(ages, widths, mx, {.sex = LifeSex::kBoth, .radix = 1, .a0_rule = A0Rule::kCoaleDemeny, .ax = ax});
  ASSERT_TRUE(t.ok());
  for (const auto& r : t->rows) {
    EXPECT_NEAR(r.ex, 1 / mu, 1e-9) << "age " << r.age;
    EXPECT_NEAR(r.lx, std::exp(-mu * r.age), 1e-12) << "age " << r.age;
    if (r.n > 0) {
      EXPECT_NEAR(r.qx, 1 - std::exp(-mu * r.n), 1e-12);
    }
  }
}

TEST(demography_life_table, CompleteTableWithConstantHazard) {
  const double mu = 0.05;
  std::vector<double> mx(101, mu), ax(101);
  for (size_t i = 0; i < 101; ++i) ax[i] = exact_ax(mu, i == 100 ? 0 : 1);
  auto t = complete_life_table(mx, {.sex = LifeSex::kFemale, .radix = 100000, .a0_rule = A0Rule::kCoaleDemeny, .ax = ax});
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 101u);
  EXPECT_DOUBLE_EQ(t->rows[100].age, 100);
  EXPECT_DOUBLE_EQ(t->rows[100].n, 0);
  EXPECT_NEAR(t->e0, 20.0, 1e-9);
  EXPECT_NEAR(t->rows[37].ex, 20.0, 1e-9);
  // Without given nax (a0 by Table 3.3 at 1m0 = 0.05, 1/2 elsewhere) lx
  // changes, but e(x) = 1/M still holds exactly: nqx = n·M / (1 + (n − a)·M)
  // makes every nLx = ndx / M whatever a is, so T(x) = l(x) / M.
  auto d = complete_life_table(mx, {.sex = LifeSex::kFemale, .radix = 100000, .a0_rule = A0Rule::kCoaleDemeny, .ax = {}});
  ASSERT_TRUE(d.ok());
  EXPECT_NEAR(d->rows[0].ax, 0.053 + 2.8 * 0.05, 1e-15);
  EXPECT_EQ(d->rows[1].ax_rule, "n/2");
  EXPECT_GT(std::fabs(d->rows[50].lx - t->rows[50].lx), 1.0);
  for (const auto& r : d->rows) EXPECT_NEAR(r.ex, 20.0, 1e-9) << "age " << r.age;
}

TEST(demography_life_table, TwoGroupsByHand) {
  // 1m0 = 0.05, female: a0 = 0.053 + 2.8 x 0.05 = 0.193 (Preston et al. Table 3.3);
  // q0 = 0.05 / (1 + 0.807 x 0.05) = 0.0480607487; L0 = l1 + a0 d0; L1+ = l1 / 0.1.
  auto t = life_table({0, 1}, {1, 0}, {0.05, 0.1},
                      {.sex = LifeSex::kFemale, .radix = 100000, .a0_rule = A0Rule::kCoaleDemeny, .ax = {}});
  ASSERT_TRUE(t.ok());
  EXPECT_NEAR(t->rows[0].ax, 0.193, 1e-12);
  EXPECT_NEAR(t->rows[0].qx, 0.04806074878646609, 1e-12);
  EXPECT_NEAR(t->rows[0].Lx, 96121.49757293219, 1e-6);
  EXPECT_NEAR(t->rows[1].Lx, 951939.2512135339, 1e-6);
  EXPECT_NEAR(t->e0, 10.48060748786466, 1e-9);
  EXPECT_NEAR(t->rows[1].ex, 10.0, 1e-12);
  EXPECT_EQ(t->a0_rule, "coale-demeny");
  EXPECT_EQ(t->sex, "female");
}

TEST(demography_life_table, A0Rules) {
  EXPECT_NEAR(a0_coale_demeny(0.02, LifeSex::kMale), 0.045 + 2.684 * 0.02, 1e-15);
  EXPECT_NEAR(a0_coale_demeny(0.2, LifeSex::kFemale), 0.350, 1e-15);
  EXPECT_NEAR(a0_coale_demeny(0.2, LifeSex::kMale), 0.330, 1e-15);
  EXPECT_NEAR(a1_4_coale_demeny(0.02, LifeSex::kMale), 1.651 - 2.816 * 0.02, 1e-15);
  EXPECT_NEAR(a1_4_coale_demeny(0.02, LifeSex::kFemale), 1.522 - 1.518 * 0.02, 1e-15);
  EXPECT_NEAR(a1_4_coale_demeny(0.2, LifeSex::kFemale), 1.361, 1e-15);
  // Andreev and Kingkade (2015) Table 3, each of the three pieces per sex.
  EXPECT_NEAR(a0_andreev_kingkade(0.01, LifeSex::kMale), 0.14929 - 1.99545 * 0.01, 1e-12);
  EXPECT_NEAR(a0_andreev_kingkade(0.05, LifeSex::kMale), 0.02832 + 3.26201 * 0.05, 1e-12);
  EXPECT_NEAR(a0_andreev_kingkade(0.1, LifeSex::kMale), 0.29915, 1e-12);
  EXPECT_NEAR(a0_andreev_kingkade(0.01, LifeSex::kFemale), 0.14903 - 2.05527 * 0.01, 1e-12);
  EXPECT_NEAR(a0_andreev_kingkade(0.05, LifeSex::kFemale), 0.04667 + 3.88089 * 0.05, 1e-12);
  EXPECT_NEAR(a0_andreev_kingkade(0.1, LifeSex::kFemale), 0.31411, 1e-12);
  // The pieces nearly join at the breakpoints (the published coefficients are rounded).
  EXPECT_NEAR(0.14929 - 1.99545 * 0.023, a0_andreev_kingkade(0.023, LifeSex::kMale), 1e-4);
  auto t = life_table({0, 1}, {1, 0}, {0.01, 0.1},
                      {.sex = LifeSex::kMale, .radix = 100000, .a0_rule = A0Rule::kAndreevKingkade, .ax = {}});
  ASSERT_TRUE(t.ok());
  EXPECT_NEAR(t->rows[0].ax, 0.1293355, 1e-12);
  EXPECT_EQ(t->rows[0].ax_rule, "andreev-kingkade");
  EXPECT_EQ(t->a0_rule, "andreev-kingkade");
}

TEST(demography_life_table, FromDeathsEqualsFromRates) {
  auto a = life_table_from_deaths({0, 1, 5}, {1, 4, 0}, {30, 8, 500}, {1000, 4000, 5000});
  auto b = abridged_life_table({0.03, 0.002, 0.1});
  ASSERT_TRUE(a.ok() && b.ok());
  for (size_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(a->rows[i].ex, b->rows[i].ex);
}

TEST(demography_life_table, PersonYearsBetween) {
  auto t = abridged_life_table({0.03, 0.002, 0.001, 0.1});  // 0, 1-4, 5-9, 10+
  ASSERT_TRUE(t.ok());
  auto L04 = person_years_between(*t, 0, 5);
  ASSERT_TRUE(L04.ok());
  EXPECT_DOUBLE_EQ(*L04, t->rows[0].Lx + t->rows[1].Lx);
  auto T5 = person_years_between(*t, 5, 0);
  ASSERT_TRUE(T5.ok());
  EXPECT_DOUBLE_EQ(*T5, t->rows[2].Tx);
  EXPECT_FALSE(person_years_between(*t, 0, 3).ok());   // 3 is not a boundary
  EXPECT_FALSE(person_years_between(*t, 2, 3).ok());   // neither is 2
  EXPECT_FALSE(person_years_between(*t, 5, 10).ok());  // runs into the open group
}

TEST(demography_life_table, BadInputIsRefusedInBothLanguages) {
  EXPECT_FALSE(life_table({0, 1}, {1, 0}, {0.05}).ok());
  auto neg = life_table({0, 1}, {1, 0}, {-0.05, 0.1});
  ASSERT_FALSE(neg.ok());
  EXPECT_FALSE(neg.error().vi.empty());
  EXPECT_NE(neg.error().en.find("mx at age 0"), std::string::npos);
  EXPECT_FALSE(life_table({0, 1}, {1, 0}, {0.05, 0.0}).ok());
  EXPECT_FALSE(life_table({0, 2}, {1, 0}, {0.05, 0.1}).ok());
  EXPECT_FALSE(life_table({0, 1}, {1, 0}, {0.05, 0.1}, {.sex = LifeSex::kBoth, .radix = 1, .a0_rule = A0Rule::kCoaleDemeny, .ax = {2.0, -1}}).ok());  // a0 > n
  EXPECT_FALSE(life_table_from_deaths({0, 1}, {1, 0}, {1, 2}, {100, 0}).ok());     // no exposure
  EXPECT_FALSE(life_table_from_deaths({0, 1}, {1, 0}, {1, 2}, {100}).ok());
  EXPECT_FALSE(abridged_life_table({0.1}).ok());
}

}  // namespace

// e0 alone equals the full table's e0 to the last bit, with every a0 rule,
// given nax and sex, and fails where the table fails.
TEST(demography_life_table, LifeExpectancyAtBirthEqualsTheTablesE0) {
  const auto ages = abridged_ages(85), widths = abridged_widths(85);
  std::vector<double> mx;
  for (size_t i = 0; i < kAustriaPop.size(); ++i) mx.push_back(kAustriaDeaths[i] / kAustriaPop[i]);
  std::vector<LifeTableOptions> options(4);
  options[1].a0_rule = A0Rule::kAndreevKingkade;
  options[1].sex = LifeSex::kFemale;
  options[2].ax = kAustriaAx;
  options[2].radix = 1000;
  options[3].sex = LifeSex::kMale;
  options[3].ax = std::vector<double>(ages.size(), -1);
  for (const auto& o : options) {
    auto t = life_table(ages, widths, mx, o);
    auto e0 = life_expectancy_at_birth(ages, widths, mx, o);
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(e0.ok());
    EXPECT_EQ(*e0, t->e0);
  }
  EXPECT_NEAR(*life_expectancy_at_birth(ages, widths, mx), 73.0, 1.0);
  auto no_open = mx;
  no_open.back() = 0;
  auto bad = life_expectancy_at_birth(ages, widths, no_open);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "mx");
  EXPECT_NE(bad.error().vi.find("nhóm tuổi mở"), std::string::npos);
  auto gap = widths;
  gap[3] = 4;
  auto bad_gap = life_expectancy_at_birth(ages, gap, mx);
  ASSERT_FALSE(bad_gap.ok());
  EXPECT_NE(bad_gap.error().en.find("not contiguous at age 10"), std::string::npos);
}
