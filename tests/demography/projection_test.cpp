// Cohort-component projection: Preston et al. (2001) Box 6.2 (Sweden 1993,
// females, with migration) to the digits the book prints, and analytic cases.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "demography/projection.h"

using namespace danso::demography;

namespace {

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

ProjectionInputs base(std::vector<double> f, std::vector<double> m, int step = 5) {
  ProjectionInputs in;
  in.step = step;
  in.base_year = 2020;
  in.female = std::move(f);
  in.male = std::move(m);
  return in;
}

// Preston, Heuveline and Guillot (2001), Box 6.2 (data of Box 6.1): Swedish
// women 1993 by 5-year group 0-4 .. 80-84, 85+; the period's 5Lx (last: T85),
// ASFRs, net female migrants 1993-1998; SRB 1.05. The book projects the women
// and, for the boys, applies the same survival (as here, male = female).
const std::vector<double> kSwedenP = {293395, 248369, 240012, 261346, 285209, 314388, 281290, 286923, 304108,
                                      324946, 247613, 211351, 215140, 221764, 223506, 183654, 141990, 112424};
const std::vector<double> kSwedenL = {497487, 497138, 496901, 496531, 495902, 495168, 494213, 492760, 490447,
                                      486613, 480665, 471786, 457852, 436153, 402775, 350358, 271512, 291707};
const std::vector<double> kSwedenF = {0, 0, 0, 0.0120, 0.0908, 0.1499, 0.1125, 0.0441, 0.0074, 0.0003,
                                      0, 0, 0, 0,      0,      0,      0,      0};
const std::vector<double> kSwedenNM = {6840, 4150, 3365, 5270, 9240, 8230, 5470, 3155, 1770,
                                       1115, 1075, 845,  645,  530,  465,  300,  250,  175};
// Printed results: women in 1998 and births by mother's age 1993-1998.
const std::vector<double> kSweden1998 = {302392, 298682, 252007, 244150, 268267, 293515, 320624, 284767, 288031,
                                         303166, 322062, 243989, 205841, 205516, 205270, 194771, 142565, 131966};
const std::vector<double> kSwedenBirths = {15244, 126688, 229354, 170057, 63203, 10971, 472};

TEST(demography_projection, PrestonBox62Sweden1993) {
  ProjectionInputs in = base(kSwedenP, kSwedenP);
  in.base_year = 1993;
  StepInputs st;
  st.female.Lx = st.male.Lx = kSwedenL;
  st.female.net_migration = st.male.net_migration = kSwedenNM;
  st.asfr = kSwedenF;
  st.srb = 1.05;
  in.steps = {st};
  auto r = project(in);
  ASSERT_TRUE(r.ok()) << r.error().en;
  const ProjectionStep& s = r->front();
  EXPECT_EQ(s.year, 1998);
  for (size_t i = 0; i < kSweden1998.size(); ++i)
    EXPECT_EQ(std::round(s.female.population[i]), kSweden1998[i]) << "group " << i * 5;
  for (size_t i = 0; i < kSwedenBirths.size(); ++i)
    EXPECT_EQ(std::round(s.births_by_mother_age[i + 3]), kSwedenBirths[i]) << "mothers " << 15 + 5 * i;
  // Boys: the same survival and 1.05 boys per girl give 317,340 aged 0-4.
  EXPECT_EQ(std::round(s.male.population[0]), 317340);
  EXPECT_NEAR(s.births_male / s.births_female, 1.05, 1e-12);
}

TEST(demography_projection, BalancingEquationHolds) {
  // P(t+n) = P(t) + births − deaths + net migration, for each sex.
  ProjectionInputs in = base(kSwedenP, kSwedenP);
  StepInputs st;
  st.female.Lx = st.male.Lx = kSwedenL;
  st.female.net_migration = kSwedenNM;
  st.asfr = kSwedenF;
  in.steps = {st, st};
  for (auto timing : {MigrationTiming::kEven, MigrationTiming::kEnd}) {
    in.timing = timing;
    auto r = project(in);
    ASSERT_TRUE(r.ok());
    std::vector<double> F = in.female, M = in.male;
    for (const auto& s : *r) {
      EXPECT_NEAR(sum(s.female.population), sum(F) + s.births_female - sum(s.female.deaths) + sum(kSwedenNM), 1e-6);
      EXPECT_NEAR(sum(s.male.population), sum(M) + s.births_male - sum(s.male.deaths), 1e-6);
      EXPECT_NEAR(s.births, sum(s.births_by_mother_age), 1e-6);
      F = s.female.population;
      M = s.male.population;
    }
  }
}

TEST(demography_projection, NoBirthsUnitSurvivalNoMigrationShiftsEveryGroup) {
  ProjectionInputs in = base({10, 20, 30, 40}, {1, 2, 3, 4});
  StepInputs st;
  st.female.survival = st.male.survival = {1, 1, 1, 1};
  in.steps = {st, st};
  auto r = project(in);
  ASSERT_TRUE(r.ok()) << r.error().en;
  EXPECT_EQ((*r)[0].year, 2025);
  EXPECT_EQ((*r)[0].female.population, (std::vector<double>{0, 10, 20, 70}));
  EXPECT_EQ((*r)[1].female.population, (std::vector<double>{0, 0, 10, 90}));
  EXPECT_EQ((*r)[1].male.population, (std::vector<double>{0, 0, 1, 9}));
  EXPECT_EQ((*r)[1].year, 2030);
  EXPECT_DOUBLE_EQ((*r)[0].births, 0);
  EXPECT_DOUBLE_EQ(sum((*r)[0].female.deaths), 0);
}

TEST(demography_projection, SingleYearStepsUseTheSameCode) {
  // 1x1: ages 0, 1, ..., 4, 5+; unit survival shifts every age by one year.
  ProjectionInputs in = base({1, 2, 3, 4, 5, 6}, {6, 5, 4, 3, 2, 1}, 1);
  StepInputs st;
  st.female.survival = st.male.survival = std::vector<double>(6, 1.0);
  in.steps = {st, st, st};
  auto r = project(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].year, 2021);
  EXPECT_EQ((*r)[2].year, 2023);
  EXPECT_EQ((*r)[0].female.population, (std::vector<double>{0, 1, 2, 3, 4, 11}));
  EXPECT_EQ((*r)[2].male.population, (std::vector<double>{0, 0, 0, 6, 5, 10}));
  // Births over one year: 1 · F · (W(start) + W(end)) / 2 with the first group's
  // survival from L0 / (1 · l0).
  ProjectionInputs b = base({100, 100, 100}, {100, 100, 100}, 1);
  b.radix = 1;
  StepInputs bs;
  bs.female.Lx = bs.male.Lx = {0.99, 0.98, 50};
  bs.asfr = {0, 0.2, 0};
  bs.srb = 1.0;
  b.steps = {bs};
  auto rb = project(b);
  ASSERT_TRUE(rb.ok());
  const double W1 = 100 * 0.98 / 0.99;  // women of age 1 at the end
  EXPECT_NEAR(rb->front().births, 0.2 * (100 + W1) / 2, 1e-12);
  EXPECT_NEAR(rb->front().female.population[0], rb->front().births / 2 * 0.99, 1e-12);
}

TEST(demography_projection, OneStepByHand) {
  // Survivors: 100 x 0.9 = 90 into group 1; (100 + 100) x 0.8 = 160 in the open group.
  // Births: 5 x 0.1 x (100 + 90) / 2 = 47.5; girls 47.5 / 2 = 23.75 survive x 0.95.
  ProjectionInputs in = base({100, 100, 100}, {100, 100, 100});
  StepInputs st;
  st.female.survival = st.male.survival = {0.9, 0.8, 0.95};
  st.asfr = {0, 0.1, 0};
  st.srb = 1.0;
  in.steps = {st};
  auto r = project(in);
  ASSERT_TRUE(r.ok());
  const auto& s = (*r)[0];
  EXPECT_DOUBLE_EQ(s.births, 47.5);
  EXPECT_DOUBLE_EQ(s.births_female, 23.75);
  EXPECT_DOUBLE_EQ(s.births_by_mother_age[1], 47.5);
  EXPECT_DOUBLE_EQ(s.female.population[0], 23.75 * 0.95);
  EXPECT_DOUBLE_EQ(s.female.population[1], 90);
  EXPECT_DOUBLE_EQ(s.female.population[2], 160);
  // Deaths by the cohort's group at the end: births 23.75 x 0.05, 10 into
  // group 1, 40 among those who end in the open group.
  EXPECT_NEAR(s.female.deaths[0], 23.75 * 0.05, 1e-12);
  EXPECT_DOUBLE_EQ(s.female.deaths[1], 10);
  EXPECT_DOUBLE_EQ(s.female.deaths[2], 40);
}

TEST(demography_projection, MigrationTiming) {
  ProjectionInputs in = base({100, 100, 100}, {100, 100, 100});
  in.radix = 1;
  StepInputs st;
  st.female.Lx = st.male.Lx = {4.9, 4.8, 10};
  st.female.net_migration = {10, 10, 10};
  st.asfr = {0, 0.1, 0};
  in.steps = {st};
  auto even = project(in);
  ASSERT_TRUE(even.ok());
  // Half of the migrants join at the start and survive, half at the end.
  const double f1 = 105 * 4.8 / 4.9 + 5;
  EXPECT_NEAR(even->front().female.population[1], f1, 1e-12);
  EXPECT_NEAR(even->front().female.population[2], 210 * 10 / 14.8 + 5, 1e-12);
  EXPECT_NEAR(even->front().births, 5 * 0.1 * (105 + f1) / 2, 1e-12);
  in.timing = MigrationTiming::kEnd;
  auto end = project(in);
  ASSERT_TRUE(end.ok());
  EXPECT_NEAR(end->front().female.population[1], 100 * 4.8 / 4.9 + 10, 1e-12);
  EXPECT_NEAR(end->front().male.population[1], 100 * 4.8 / 4.9, 1e-12);
  // At the end the migrants take no part in the step's births.
  EXPECT_NEAR(end->front().births, 5 * 0.1 * (100 + 100 * 4.8 / 4.9) / 2, 1e-12);
}

TEST(demography_projection, PeriodSpecificInputs) {
  ProjectionInputs in = base({100, 100, 100}, {100, 100, 100});
  StepInputs a, b;
  a.female.survival = a.male.survival = {1, 1, 1};
  b.female.survival = b.male.survival = {0.5, 0.5, 1};
  in.steps = {a, b};
  auto r = project(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].female.population, (std::vector<double>{0, 100, 200}));
  EXPECT_EQ((*r)[1].female.population, (std::vector<double>{0, 0, 150}));
}

TEST(demography_projection, SurvivalRatiosAndLxFromALifeTable) {
  auto s = survival_ratios({4.9, 4.8, 10}, 5, 1);
  ASSERT_TRUE(s.ok());
  EXPECT_DOUBLE_EQ((*s)[0], 4.8 / 4.9);
  EXPECT_DOUBLE_EQ((*s)[1], 10 / 14.8);  // T(10) / T(5)
  EXPECT_DOUBLE_EQ((*s)[2], 4.9 / 5);    // 5L0 / (5 l0)
  auto t = abridged_life_table({0.02, 0.002, 0.001, 0.002, 0.05});  // 0, 1-4, 5-9, 10-14, 15+
  ASSERT_TRUE(t.ok());
  auto L = projection_lx(*t, 5, 3);  // 0-4, 5-9, 10+
  ASSERT_TRUE(L.ok());
  EXPECT_DOUBLE_EQ((*L)[0], t->rows[0].Lx + t->rows[1].Lx);
  EXPECT_DOUBLE_EQ((*L)[1], t->rows[2].Lx);
  EXPECT_DOUBLE_EQ((*L)[2], t->rows[3].Tx);
  EXPECT_FALSE(projection_lx(*t, 5, 6).ok());  // more groups than the table has
}

TEST(demography_projection, SingleYearLxFromACompleteLifeTable) {
  // 1x1 steps with Lx from a complete life table of constant M = 0.1 and a = 1/2
  // past age 0: one Lx per age, the last one T of the open age.
  std::vector<double> mx(6, 0.1);
  auto t = complete_life_table(mx, {.sex = LifeSex::kMale, .radix = 1, .a0_rule = A0Rule::kCoaleDemeny, .ax = {}});
  ASSERT_TRUE(t.ok());
  auto L = projection_lx(*t, 1, 4);  // 0, 1, 2, 3+
  ASSERT_TRUE(L.ok());
  EXPECT_DOUBLE_EQ((*L)[1], t->rows[1].Lx);
  EXPECT_DOUBLE_EQ((*L)[3], t->rows[3].Tx);
  ProjectionInputs in = base({100, 100, 100, 100}, {100, 100, 100, 100}, 1);
  in.radix = 1;
  StepInputs st;
  st.female.Lx = st.male.Lx = *L;
  in.steps = {st};
  auto r = project(in);
  ASSERT_TRUE(r.ok());
  // Group 1 becomes group 2 with survival 2L2 / 1L1; n/2 rules make it
  // (1 − q/2)(1 − q) / (1 − q/2) = 1 − q with q = 0.1 / 1.05.
  EXPECT_NEAR(r->front().female.population[2], 100 * (1 - 0.1 / 1.05), 1e-9);
  // The open group keeps T(3)/T(2) of the last two groups: constant M makes it l3/l2 = 1 − q.
  EXPECT_NEAR(r->front().female.population[3], 200 * (1 - 0.1 / 1.05), 1e-9);
}

TEST(demography_projection, BadInputsAreRefused) {
  ProjectionInputs in = base({1, 2, 3}, {1, 2});
  StepInputs st;
  st.female.survival = st.male.survival = {1, 1, 1};
  in.steps = {st};
  EXPECT_FALSE(project(in).ok());
  in.male = {1, 2, 3};
  in.step = 3;
  EXPECT_FALSE(project(in).ok());
  in.step = 5;
  in.steps[0].asfr = {0.1};
  EXPECT_FALSE(project(in).ok());
  in.steps[0].asfr = {};
  in.steps[0].female.net_migration = {-5, 0, 0};  // more emigrants than people
  auto neg = project(in);
  ASSERT_FALSE(neg.ok());
  EXPECT_NE(neg.error().en.find("negative"), std::string::npos);
  in.steps[0].female.net_migration = {};
  in.steps[0].male.survival = {1, -1, 1};
  EXPECT_FALSE(project(in).ok());
  in.steps[0].male.survival = {};
  in.steps[0].male.Lx = {1, 0, 1};
  auto zero = project(in);
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().field, "male.Lx");
}

}  // namespace
