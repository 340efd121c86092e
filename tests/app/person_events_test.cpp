// review_person_events: a person's new sex or birth date against the events
// that read them, with the messages a form shows.
#include "app/import/person_events.h"

#include <gtest/gtest.h>

namespace danso {
namespace {

Date d(const char* iso) { return *Date::parse(iso); }

PersonFacts person(int64_t id, Sex sex, const char* born) {
  return PersonFacts{PersonId(id), HouseholdId(1), sex, d(born), d(born)};
}

EventFacts event(int64_t id, EventType type, const char* date, int64_t person, int64_t related = 0,
                 bool child_marriage = false) {
  EventFacts e;
  e.id = EventId(id);
  e.type = type;
  e.date = d(date);
  e.person = PersonId(person);
  e.related = PersonId(related);
  e.child_marriage = child_marriage;
  return e;
}

class PersonEvents : public ::testing::Test {
 protected:
  // 2 (a woman born 1990-06-15) and 3 (a man born 1988-01-01); 4 their child.
  std::vector<PersonFacts> others{person(3, Sex::kMale, "1988-01-01"), person(4, Sex::kMale, "2016-03-01")};
  const PersonFacts* facts_of(PersonId id) const {
    for (const auto& f : others)
      if (f.id == id) return &f;
    return nullptr;
  }
  PersonEventReview review(const PersonFacts& now, const std::vector<EventFacts>& events) {
    return review_person_events(now, person(2, Sex::kFemale, "1990-06-15"), events,
                                [this](PersonId id) { return facts_of(id); });
  }
};

TEST_F(PersonEvents, FactsTheEventsAgreeWithRaiseNothing) {
  const std::vector<EventFacts> events{event(1, EventType::kPregnancy, "2015-07-01", 2),
                                       event(2, EventType::kBirth, "2016-03-01", 4, 2),
                                       event(3, EventType::kMarriage, "2014-05-05", 2, 3)};
  const auto r = review(person(2, Sex::kFemale, "1991-01-01"), events);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_TRUE(r.marriages_to_flip.empty());
}

TEST_F(PersonEvents, AnEventBeforeTheNewBirthDateIsAConflictNamingIt) {
  const auto r = review(person(2, Sex::kFemale, "2015-08-01"), {event(7, EventType::kPregnancy, "2015-07-01", 2)});
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_EQ(r.conflicts[0].field, "birth_date");
  EXPECT_EQ(r.conflicts[0].en, "pregnancy event 7 on 2015-07-01: the birth date 2015-08-01 is after the event");
  EXPECT_EQ(r.conflicts[0].vi, "sự kiện có thai mã 7 ngày 2015-07-01: ngày sinh 2015-08-01 sau ngày của sự kiện");
}

TEST_F(PersonEvents, TheOwnBirthEventKeepsTheBirthDate) {
  const std::vector<EventFacts> events{event(5, EventType::kBirth, "1990-06-15", 2, 9)};
  EXPECT_TRUE(review(person(2, Sex::kFemale, "1990-06-15"), events).conflicts.empty());
  const auto r = review(person(2, Sex::kFemale, "1990-06-14"), events);
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_EQ(r.conflicts[0].en,
            "birth event 5 on 1990-06-15: the birth date must be the date of this person's birth event");
}

TEST_F(PersonEvents, AMotherStaysAWomanOfTenToSixtyAtEachBirth) {
  const std::vector<EventFacts> births{event(2, EventType::kBirth, "2016-03-01", 4, 2)};
  auto r = review(person(2, Sex::kMale, "1990-06-15"), births);
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_EQ(r.conflicts[0].field, "sex");
  EXPECT_EQ(r.conflicts[0].en, "birth event 2 on 2016-03-01: this person is the mother; the mother must be female");
  r = review(person(2, Sex::kFemale, "1955-03-01"), births);  // 61 that day
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_EQ(r.conflicts[0].field, "birth_date");
  EXPECT_EQ(r.conflicts[0].en,
            "birth event 2 on 2016-03-01: this person is the mother; mother's age at the birth is 61, must be 10 to 60");
  EXPECT_TRUE(review(person(2, Sex::kFemale, "1955-03-02"), births).conflicts.empty());  // 60
  EXPECT_EQ(review(person(2, Sex::kFemale, "2006-03-02"), births).conflicts.size(), 1u);  // 9
  EXPECT_TRUE(review(person(2, Sex::kFemale, "2006-03-01"), births).conflicts.empty());  // 10
}

TEST_F(PersonEvents, AMarriagesChildFlagTurnsWithEitherSpousesAge) {
  // Married on 2014-05-05: she was 23; born 1997-01-01 she would be 17.
  const std::vector<EventFacts> as_subject{event(3, EventType::kMarriage, "2014-05-05", 2, 3, false)};
  auto r = review(person(2, Sex::kFemale, "1997-01-01"), as_subject);
  EXPECT_TRUE(r.conflicts.empty());
  ASSERT_EQ(r.marriages_to_flip.size(), 1u);
  EXPECT_EQ(r.marriages_to_flip[0], EventId(3));
  EXPECT_TRUE(review(person(2, Sex::kFemale, "1996-05-05"), as_subject).marriages_to_flip.empty());  // 18 that day
  // Named as the related person, recorded as a child marriage that the new date ends.
  const std::vector<EventFacts> as_related{event(8, EventType::kMarriage, "2014-05-05", 3, 2, true)};
  EXPECT_EQ(review(person(2, Sex::kFemale, "1990-06-15"), as_related).marriages_to_flip.size(), 1u);
  // The spouse under age keeps it a child marriage whatever her date.
  others[0] = person(3, Sex::kMale, "1996-01-01");
  EXPECT_TRUE(review(person(2, Sex::kFemale, "1990-06-15"), as_related).marriages_to_flip.empty());
}

}  // namespace
}  // namespace danso
