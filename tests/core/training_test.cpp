// Training coverage with people joining and leaving a group during the year.
#include "core/training.h"

#include <gtest/gtest.h>

namespace danso {
namespace {

Date day_of(int y, int m, int dd) { return Date::from_ymd_unchecked(y, m, dd); }

TEST(Training, MembersOnTheDayAndCompletionsUpToIt) {
  // Commune 1 (unit 1) and commune 2 (unit 2); all collaborators.
  const std::vector<GroupMembership> members = {
      {StaffId(1), "collaborators", UnitId(1), day_of(2020, 1, 1), std::nullopt},
      {StaffId(2), "collaborators", UnitId(1), day_of(2020, 1, 1), day_of(2025, 6, 30)},  // left in June
      {StaffId(3), "collaborators", UnitId(1), day_of(2025, 9, 1), std::nullopt},    // joined in September
      {StaffId(4), "collaborators", UnitId(2), day_of(2021, 1, 1), std::nullopt},
      {StaffId(5), "civil_servants", UnitId(1), day_of(2019, 1, 1), std::nullopt},   // another group
  };
  const std::vector<CourseCompletion> done = {
      {StaffId(1), "collaborator_training", day_of(2022, 5, 1)},
      {StaffId(2), "collaborator_training", day_of(2023, 5, 1)},  // trained, but gone by the end of 2025
      {StaffId(3), "collaborator_training", day_of(2026, 2, 1)},  // trained only after the year
      {StaffId(4), "collaborator_training", day_of(2025, 3, 3)},
      {StaffId(5), "collaborator_training", day_of(2025, 3, 3)},  // not a member of the group
  };
  const CoverageTarget target{"collaborators", "collaborator_training", 100, 2030, false};
  auto all = [](UnitId) { return true; };
  const Coverage c = training_coverage(members, done, target, day_of(2025, 12, 31), all);
  EXPECT_EQ(c.members, 3);  // 1, 3, 4: 2 left in June
  EXPECT_EQ(c.covered, 2);  // 1 and 4
  EXPECT_NEAR(*c.percent, 200.0 / 3.0, 1e-12);
  EXPECT_FALSE(c.target_met);
  EXPECT_EQ(c.missing, (std::vector<StaffId>{StaffId(3)}));
  // Mid-2025, person 2 still counts and 3 has not joined.
  const Coverage june = training_coverage(members, done, target, day_of(2025, 6, 30), all);
  EXPECT_EQ(june.members, 3);  // 1, 2, 4
  EXPECT_EQ(june.covered, 3);
  EXPECT_TRUE(june.target_met);
  // Commune 2 alone.
  const Coverage c2 = training_coverage(members, done, target, day_of(2025, 12, 31), [](UnitId u) { return u == UnitId(2); });
  EXPECT_EQ(c2.members, 1);
  EXPECT_EQ(c2.covered, 1);
  EXPECT_TRUE(c2.target_met);
}

TEST(Training, EveryYearTargetsCountThatYearsCompletionsOnly) {
  const std::vector<GroupMembership> members = {
      {StaffId(1), "province_population_civil_servants", UnitId(1), day_of(2020, 1, 1), std::nullopt},
      {StaffId(2), "province_population_civil_servants", UnitId(1), day_of(2020, 1, 1), std::nullopt},
      {StaffId(3), "province_population_civil_servants", UnitId(1), day_of(2020, 1, 1), std::nullopt},
      {StaffId(4), "province_population_civil_servants", UnitId(1), day_of(2020, 1, 1), std::nullopt},
  };
  const std::vector<CourseCompletion> done = {
      {StaffId(1), "yearly_update", day_of(2024, 11, 1)},  // last year's update does not count for 2025
      {StaffId(2), "yearly_update", day_of(2025, 4, 1)},
      {StaffId(3), "yearly_update", day_of(2025, 10, 1)},
  };
  const CoverageTarget target{"province_population_civil_servants", "yearly_update", 70, 2030, true};
  const Coverage c = training_coverage(members, done, target, day_of(2025, 12, 31), [](UnitId) { return true; });
  EXPECT_EQ(c.covered, 2);
  EXPECT_DOUBLE_EQ(*c.percent, 50);
  EXPECT_FALSE(c.target_met);  // 50% < 70%
  EXPECT_EQ(c.missing, (std::vector<StaffId>{StaffId(1), StaffId(4)}));
  // An empty group has no coverage, not 0%.
  const Coverage none = training_coverage({}, done, target, day_of(2025, 12, 31), [](UnitId) { return true; });
  EXPECT_EQ(none.members, 0);
  EXPECT_FALSE(none.percent.has_value());
}

}  // namespace
}  // namespace danso
