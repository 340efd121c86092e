// Cohort-component projection: analytic cases and one step by hand.
#include <gtest/gtest.h>

#include "demography/projection.h"

using namespace danso::demography;

namespace {

ProjectionInputs base(std::vector<double> f, std::vector<double> m) {
  ProjectionInputs in;
  in.step = 5;
  in.base_year = 2020;
  in.female = std::move(f);
  in.male = std::move(m);
  return in;
}

TEST(ProjectionTest, NoBirthsUnitSurvivalNoMigrationShiftsEveryGroup) {
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
}

TEST(ProjectionTest, OneStepByHand) {
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
  EXPECT_DOUBLE_EQ(s.female.deaths[0], 10);
  EXPECT_DOUBLE_EQ(s.female.deaths[1] + s.female.deaths[2], 40);
}

TEST(ProjectionTest, SurvivalFromLxAndMigrationTiming) {
  ProjectionInputs in = base({100, 100, 100}, {100, 100, 100});
  in.radix = 1;
  StepInputs st;
  st.female.Lx = st.male.Lx = {4.9, 4.8, 10};
  st.female.net_migration = {10, 10, 10};
  in.steps = {st};
  auto even = project(in);
  ASSERT_TRUE(even.ok());
  // Half of the migrants join at the start and survive, half at the end.
  EXPECT_NEAR(even->front().female.population[1], 105 * 4.8 / 4.9 + 5, 1e-12);
  EXPECT_NEAR(even->front().female.population[2], 210 * 10 / 14.8 + 5, 1e-12);
  in.timing = MigrationTiming::kEnd;
  auto end = project(in);
  ASSERT_TRUE(end.ok());
  EXPECT_NEAR(end->front().female.population[1], 100 * 4.8 / 4.9 + 10, 1e-12);
  EXPECT_NEAR(end->front().male.population[1], 100 * 4.8 / 4.9, 1e-12);
}

TEST(ProjectionTest, BadInputsAreRefused) {
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
}

}  // namespace
