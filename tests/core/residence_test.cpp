// Residence spells derived from registration and events (core/residence.h).
#include <gtest/gtest.h>

#include "core/residence.h"

using namespace danso;

namespace {

Date d(const char* s) { return Date::parse(s).value(); }

VitalEvent ev(int64_t id, EventType t, const char* date, int64_t household = 0) {
  VitalEvent e;
  e.id = EventId(id);
  e.type = t;
  e.date = d(date);
  e.person = PersonId(1);
  e.household = HouseholdId(household);
  return e;
}

Person person() {
  Person p;
  p.id = PersonId(1);
  p.household = HouseholdId(10);
  p.birth_date = d("1990-01-01");
  p.registered_on = d("2019-01-01");
  return p;
}

UnitId village_of(HouseholdId h) { return UnitId(h.value * 100); }

TEST(ResidenceTest, RegistrationOpensTheFirstSpell) {
  std::vector<ResidenceSpell> out;
  ASSERT_TRUE(derive_residence(person(), {}, village_of, out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].village, UnitId(1000));
  EXPECT_EQ(out[0].start, d("2019-01-01"));
  EXPECT_FALSE(out[0].end.has_value());
  EXPECT_TRUE(out[0].covers(d("2030-01-01")));
  EXPECT_FALSE(out[0].covers(d("2018-12-31")));
}

TEST(ResidenceTest, MoveOutThenMoveInElsewhere) {
  std::vector<VitalEvent> events = {ev(2, EventType::kMoveIn, "2022-05-01", 20), ev(1, EventType::kMoveOut, "2021-03-10")};
  std::vector<ResidenceSpell> out;
  ASSERT_TRUE(derive_residence(person(), events, village_of, out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].end, d("2021-03-10"));
  EXPECT_FALSE(out[0].covers(d("2021-03-10")));
  EXPECT_EQ(out[1].household, HouseholdId(20));
  EXPECT_EQ(out[1].village, UnitId(2000));
  EXPECT_EQ(out[1].start, d("2022-05-01"));
}

TEST(ResidenceTest, TwoMovesInAMonth) {
  std::vector<VitalEvent> events = {ev(1, EventType::kMoveIn, "2023-09-10", 20), ev(2, EventType::kMoveOut, "2023-09-25")};
  std::vector<ResidenceSpell> out;
  ASSERT_TRUE(derive_residence(person(), events, village_of, out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].end, d("2023-09-10"));
  EXPECT_EQ(out[1].start, d("2023-09-10"));
  EXPECT_EQ(out[1].end, d("2023-09-25"));
}

TEST(ResidenceTest, DeathEndsAndNothingMayFollow) {
  std::vector<ResidenceSpell> out;
  ASSERT_TRUE(derive_residence(person(), std::vector<VitalEvent>{ev(1, EventType::kDeath, "2024-02-02")}, village_of, out).ok());
  EXPECT_EQ(out[0].end, d("2024-02-02"));
  out.clear();
  auto st = derive_residence(person(),
                             std::vector<VitalEvent>{ev(1, EventType::kDeath, "2024-02-02"),
                                                     ev(2, EventType::kMoveOut, "2024-03-01")},
                             village_of, out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().en.find("after the person's death"), std::string::npos);
}

TEST(ResidenceTest, ABabyWhoDiesOnTheDayOfBirthKeepsAnEmptySpell) {
  Person baby = person();
  baby.birth_date = baby.registered_on = d("2025-03-01");
  std::vector<ResidenceSpell> out;
  ASSERT_TRUE(derive_residence(baby, std::vector<VitalEvent>{ev(1, EventType::kDeath, "2025-03-01")}, village_of, out).ok());
  ASSERT_EQ(out.size(), 1u);  // the household and village it was born in, counting no day
  EXPECT_EQ(out[0].start, d("2025-03-01"));
  EXPECT_EQ(out[0].end, d("2025-03-01"));
  EXPECT_FALSE(out[0].covers(d("2025-03-01")));
  EXPECT_EQ(place_on(out, d("2025-06-01")), &out[0]);
  // A stay ended by a move the day it began leaves nothing.
  out.clear();
  ASSERT_TRUE(derive_residence(person(), std::vector<VitalEvent>{ev(1, EventType::kMoveOut, "2019-01-01")}, village_of, out).ok());
  EXPECT_TRUE(out.empty());
}

TEST(ResidenceTest, MoveOutWhileAwayIsAnError) {
  std::vector<ResidenceSpell> out;
  auto st = derive_residence(person(),
                             std::vector<VitalEvent>{ev(1, EventType::kMoveOut, "2021-01-01"),
                                                     ev(2, EventType::kMoveOut, "2021-06-01")},
                             village_of, out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().en.find("move out while not resident"), std::string::npos);
}

TEST(ResidenceTest, MoveInToTheSameHouseholdOnRegistrationIsTheRegistration) {
  std::vector<ResidenceSpell> out;
  ASSERT_TRUE(derive_residence(person(), std::vector<VitalEvent>{ev(1, EventType::kMoveIn, "2019-01-01", 10)}, village_of, out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].end.has_value());
}

// Where a person belongs on a day: the spell that started last by then (the
// one covering the day, else the last one, for a person who died or left),
// the first before any; none without spells.
TEST(ResidenceTest, APersonBelongsToTheSpellThatStartedLastByTheDay) {
  std::vector<ResidenceSpell> out;
  // Moved to household 20 in 2021, left the area in 2023.
  const std::vector<VitalEvent> events = {ev(2, EventType::kMoveOut, "2023-04-01"),
                                          ev(1, EventType::kMoveIn, "2021-07-01", 20)};
  ASSERT_TRUE(derive_residence(person(), events, village_of, out).ok());
  ASSERT_EQ(out.size(), 2u);
  std::swap(out[0], out[1]);  // any order
  auto village_on = [&](const char* day) {
    const ResidenceSpell* s = place_on(out, d(day));
    return s ? s->village.value : 0;
  };
  EXPECT_EQ(village_on("2020-06-01"), 1000);
  EXPECT_EQ(village_on("2021-06-30"), 1000);
  EXPECT_EQ(village_on("2021-07-01"), 2000);  // the day of the move: the new household
  EXPECT_EQ(village_on("2022-01-01"), 2000);
  EXPECT_EQ(village_on("2023-04-01"), 2000);  // gone: the last place
  EXPECT_EQ(village_on("2030-01-01"), 2000);
  EXPECT_EQ(village_on("2000-01-01"), 1000);  // before the registration: the first
  EXPECT_EQ(place_on({}, d("2020-01-01")), nullptr);
}

}  // namespace
