// A person's status on a day from their spells and events
// (core/person_status.h): residence, marital status and household follow
// the events; the spouse's death makes a widow by the same rule as the
// figures (core/marital.h).
#include <gtest/gtest.h>

#include "core/marital.h"
#include "core/person_status.h"

using namespace danso;

namespace {

Date day(const char* iso) { return Date::parse(iso).value(); }

VitalEvent status_event(int64_t id, EventType type, const char* date, int64_t person, int64_t related = 0) {
  VitalEvent e;
  e.id = EventId(id);
  e.type = type;
  e.date = day(date);
  e.person = PersonId(person);
  e.related = PersonId(related);
  return e;
}

Person status_person(int64_t id, MaritalStatus marital) {
  Person p;
  p.id = PersonId(id);
  p.household = HouseholdId(1);
  p.marital = marital;
  p.residence = ResidenceStatus::kTemporary;
  p.registered_on = day("2020-01-01");
  return p;
}

TEST(PersonStatus, ResidenceFollowsTheSpellsAndTheDeath) {
  const Person p = status_person(7, MaritalStatus::kMarried);
  const ResidenceSpell spells[] = {
      {PersonId(7), HouseholdId(1), UnitId(10), day("2020-01-01"), day("2023-05-01")},  // moved to household 2
      {PersonId(7), HouseholdId(2), UnitId(11), day("2023-05-01"), day("2025-03-01")},  // died
  };
  const VitalEvent events[] = {status_event(5, EventType::kDeath, "2025-03-01", 7),
                               status_event(3, EventType::kMoveIn, "2023-05-01", 7)};
  auto st = person_status_on(p, spells, events, day("2019-12-31"));
  EXPECT_EQ(st.standing, Standing::kNotYet);
  EXPECT_EQ(st.household, HouseholdId(1));
  st = person_status_on(p, spells, events, day("2023-04-30"));
  EXPECT_EQ(st.standing, Standing::kTemporary);
  EXPECT_EQ(st.household, HouseholdId(1));
  EXPECT_EQ(st.village, UnitId(10));
  st = person_status_on(p, spells, events, day("2025-02-28"));
  EXPECT_EQ(st.standing, Standing::kTemporary);
  EXPECT_EQ(st.household, HouseholdId(2));
  EXPECT_FALSE(st.since);
  st = person_status_on(p, spells, events, day("2025-03-01"));  // not counted the day of death
  EXPECT_EQ(st.standing, Standing::kDead);
  EXPECT_EQ(st.since, day("2025-03-01"));
  EXPECT_EQ(st.household, HouseholdId(2));  // where they lived last
  EXPECT_FALSE(lives_here(st.standing));
  const auto history = person_history(PersonId(7), events);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].id, EventId(3));
  EXPECT_EQ(history[1].id, EventId(5));
}

TEST(PersonStatus, MovedOutOfTheAreaAndBack) {
  const Person p = status_person(8, MaritalStatus::kSingle);
  const ResidenceSpell spells[] = {
      {PersonId(8), HouseholdId(1), UnitId(10), day("2020-01-01"), day("2022-01-01")},
      {PersonId(8), HouseholdId(3), UnitId(12), day("2024-01-01"), std::nullopt},
  };
  auto st = person_status_on(p, spells, {}, day("2023-01-01"));
  EXPECT_EQ(st.standing, Standing::kMovedOut);
  EXPECT_EQ(st.since, day("2022-01-01"));
  EXPECT_EQ(st.household, HouseholdId(1));
  st = person_status_on(p, spells, {}, day("2024-01-01"));
  EXPECT_EQ(st.standing, Standing::kTemporary);
  EXPECT_EQ(st.household, HouseholdId(3));
  // No spell at all (a stay that ended the day it began): moved out, nowhere.
  st = person_status_on(p, {}, {}, day("2024-01-01"));
  EXPECT_EQ(st.standing, Standing::kMovedOut);
  EXPECT_FALSE(st.household.valid());
}

TEST(PersonStatus, MarriageDivorceAndTheSpousesDeath) {
  const Person bride = status_person(21, MaritalStatus::kSingle);
  const ResidenceSpell spells[] = {{PersonId(21), HouseholdId(1), UnitId(10), day("2020-01-01"), std::nullopt}};
  const VitalEvent events[] = {
      status_event(1, EventType::kMarriage, "2021-06-01", 22, 21),  // she is the related person
      status_event(2, EventType::kDivorce, "2022-06-01", 21, 22),
      status_event(3, EventType::kMarriage, "2023-06-01", 21, 23),
      status_event(4, EventType::kDeath, "2023-01-01", 22),  // the former husband: no widow
      status_event(5, EventType::kDeath, "2025-05-01", 23),
  };
  auto marital = [&](const char* d) { return person_status_on(bride, spells, events, day(d)).marital; };
  EXPECT_EQ(marital("2021-05-31"), MaritalStatus::kSingle);
  EXPECT_EQ(marital("2021-06-01"), MaritalStatus::kMarried);
  EXPECT_EQ(marital("2022-06-01"), MaritalStatus::kDivorced);
  EXPECT_EQ(marital("2023-03-01"), MaritalStatus::kDivorced);
  EXPECT_EQ(marital("2023-06-01"), MaritalStatus::kMarried);
  EXPECT_EQ(marital("2025-04-30"), MaritalStatus::kMarried);
  EXPECT_EQ(marital("2025-05-01"), MaritalStatus::kWidowed);
  EXPECT_EQ(person_status_on(bride, spells, events, day("2025-05-01")).standing, Standing::kTemporary);
  // The register's own status stands until an event changes it.
  const Person married = status_person(31, MaritalStatus::kMarried);
  EXPECT_EQ(person_status_on(married, spells, events, day("2026-01-01")).marital, MaritalStatus::kMarried);
}

TEST(SpouseBook, ADeathWidowsOnlyTheSpouseStillMarriedToThem) {
  SpouseBook<int> book;
  book.marry(1, 2);
  book.marry(3, 4);
  book.divorce(3, std::nullopt);  // the divorce names one spouse: 4 still thinks 3 a spouse
  EXPECT_EQ(book.spouse_of(4), 3);
  EXPECT_EQ(book.death(3), std::nullopt);
  EXPECT_EQ(book.death(2), 1);
  EXPECT_EQ(book.spouse_of(1), std::nullopt);
  EXPECT_EQ(book.death(1), std::nullopt);
}

}  // namespace
