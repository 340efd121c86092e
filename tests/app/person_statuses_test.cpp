// The status of persons on a day from the store (app/person_statuses.h):
// read with RegisterStore::status_events (marriages, divorces and deaths
// alone), the same statuses as from every event naming each person and the
// deaths of everyone they married (core/person_status.h), on every day
// asked; and the widowed, divorced, remarried and dead as the slips say. On
// every engine (tests/store/store_engines.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/database.h"
#include "app/person_statuses.h"
#include "store/store_engines.h"

using namespace danso;

namespace {

constexpr int kPersons = 24;

class PersonStatusesTest : public danso::test::StoreEngineTest {
 protected:
  void SetUp() override {
    StoreEngineTest::SetUp();
    auto db = open_database(location_, {.create = true});
    ASSERT_TRUE(db.ok()) << db.error().en;
    db_ = std::move(*db);
    const Date since = Date::parse("2005-01-01").value();
    OrgUnit v;
    v.id = UnitId(1), v.code = "9900001", v.name = "Thôn 1", v.kind = UnitKind::kVillage, v.valid_from = since;
    const Household h{HouseholdId(1), v.code, v.id, "Số 1", Poverty::kNone, false, false, since};
    std::vector<ResidenceSpell> spells;
    for (int i = 1; i <= kPersons; ++i) {
      Person p;
      p.id = PersonId(i), p.household = h.id, p.name = "Người Thử " + std::to_string(i);
      p.sex = i % 2 ? Sex::kMale : Sex::kFemale, p.birth_date = Date::parse("1985-03-01").value();
      p.registered_on = since;
      persons_.push_back(p);
      spells.push_back({p.id, h.id, v.id, since, std::nullopt});
    }
    // Marriages, a divorce naming its other spouse as the related person,
    // a spouse outside the register, deaths, a remarriage, and slips of
    // other kinds naming the same persons.
    add(EventType::kMarriage, "2015-05-01", 1, 2);
    add(EventType::kDeath, "2020-01-01", 1, 0);            // 2 widowed
    add(EventType::kMarriage, "2016-02-01", 3, 4);
    add(EventType::kDivorce, "2019-03-01", 4, 3);
    add(EventType::kMarriage, "2018-07-01", 5, 0).spouse_name = "Vợ Ngoài Tỉnh";
    add(EventType::kBirth, "2017-04-01", 10, 2);           // 2 is the mother
    add(EventType::kPremaritalCounselling, "2014-01-01", 6, 0);
    add(EventType::kMarriage, "2010-01-01", 7, 8);
    add(EventType::kDeath, "2012-06-01", 8, 0);            // 7 widowed
    add(EventType::kMarriage, "2014-09-01", 7, 9);         // 7 married again
    add(EventType::kDeath, "2021-02-01", 11, 0);
    add(EventType::kMarriage, "2011-01-01", 12, 13);
    add(EventType::kDivorce, "2013-01-01", 12, 13);
    add(EventType::kMarriage, "2015-01-01", 13, 14);
    add(EventType::kDeath, "2016-01-01", 12, 0);           // divorced from 13 then: widows no one
    ASSERT_TRUE(db_->write([&](Store& s) -> Status {
                     if (auto st = s.upsert_units(std::vector<OrgUnit>{v}); !st) return st;
                     if (auto st = s.upsert_households(std::vector<Household>{h}); !st) return st;
                     if (auto st = s.upsert_persons(persons_); !st) return st;
                     if (auto st = s.upsert_events(events_); !st) return st;
                     return s.replace_all_residence(spells);
                   }).ok());
  }

  VitalEvent& add(EventType type, const char* date, int64_t person, int64_t related) {
    VitalEvent e;
    e.id = EventId(int64_t(events_.size()) + 1), e.type = type, e.date = Date::parse(date).value();
    e.village = UnitId(1), e.village_code = "9900001", e.person = PersonId(person), e.recorded_on = e.date;
    if (related) e.related = PersonId(related);
    events_.push_back(e);
    return events_.back();
  }

  // Each person's status from every event naming them and the deaths of
  // everyone they married, one person at a time.
  std::vector<PersonStatus> from_every_event(Date on) {
    return db_->read([&](Store& s) {
      std::vector<PersonStatus> out;
      for (const Person& p : persons_) {
        std::vector<VitalEvent> events = s.events_naming(std::vector<PersonId>{p.id});
        std::vector<PersonId> spouses;
        for (const VitalEvent& e : events)
          if (e.type == EventType::kMarriage && e.related.valid())
            spouses.push_back(e.person == p.id ? e.related : e.person);
        for (PersonId spouse : spouses)
          for (const VitalEvent& e : s.events_naming(std::vector<PersonId>{spouse}))
            if (e.type == EventType::kDeath && e.person == spouse) events.push_back(e);
        out.push_back(person_status_on(p, s.residence_of(p.id), events, on));
      }
      return out;
    });
  }

  std::vector<PersonStatus> statuses(Date on) {
    return db_->read([&](Store& s) { return person_statuses(s, persons_, on); });
  }

  std::unique_ptr<Database> db_;
  std::vector<Person> persons_;
  std::vector<VitalEvent> events_;
};
DANSO_STORE_ENGINES(PersonStatusesTest);

TEST_P(PersonStatusesTest, AreThoseFromEveryEventNamingEachPerson) {
  for (const char* day : {"2009-01-01", "2011-06-01", "2013-01-01", "2015-06-01", "2016-06-01", "2019-06-01",
                          "2020-01-01", "2022-01-01"}) {
    const Date on = Date::parse(day).value();
    const std::vector<PersonStatus> got = statuses(on), want = from_every_event(on);
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      SCOPED_TRACE(std::string(day) + " person " + std::to_string(persons_[i].id.value));
      EXPECT_EQ(got[i].standing, want[i].standing);
      EXPECT_EQ(got[i].since, want[i].since);
      EXPECT_EQ(got[i].marital, want[i].marital);
      EXPECT_EQ(got[i].household, want[i].household);
      EXPECT_EQ(got[i].village, want[i].village);
    }
  }
}

TEST_P(PersonStatusesTest, FollowTheMarriagesDivorcesAndDeaths) {
  auto on = [&](const char* day) { return statuses(Date::parse(day).value()); };
  const auto y2016 = on("2016-06-01"), y2019 = on("2019-06-01"), y2022 = on("2022-01-01"), y2013 = on("2013-01-01");
  auto of = [](const std::vector<PersonStatus>& st, int id) { return st[size_t(id - 1)]; };
  EXPECT_EQ(of(y2016, 2).marital, MaritalStatus::kMarried);
  EXPECT_EQ(of(y2022, 2).marital, MaritalStatus::kWidowed);
  EXPECT_EQ(of(y2022, 2).standing, Standing::kPermanent);
  EXPECT_EQ(of(y2022, 1).standing, Standing::kDead);
  EXPECT_EQ(of(y2022, 1).since, Date::parse("2020-01-01").value());
  EXPECT_EQ(of(y2019, 1).standing, Standing::kPermanent);
  // The divorce names 3 as its related person.
  EXPECT_EQ(of(y2016, 3).marital, MaritalStatus::kMarried);
  EXPECT_EQ(of(y2019, 3).marital, MaritalStatus::kDivorced);
  EXPECT_EQ(of(y2019, 4).marital, MaritalStatus::kDivorced);
  EXPECT_EQ(of(y2019, 5).marital, MaritalStatus::kMarried);  // to a spouse outside the register
  EXPECT_EQ(of(y2016, 6).marital, MaritalStatus::kSingle);
  EXPECT_EQ(of(y2013, 7).marital, MaritalStatus::kWidowed);
  EXPECT_EQ(of(y2016, 7).marital, MaritalStatus::kMarried);
  EXPECT_EQ(of(y2016, 9).marital, MaritalStatus::kMarried);
  EXPECT_EQ(of(y2022, 11).standing, Standing::kDead);
  EXPECT_EQ(of(y2016, 13).marital, MaritalStatus::kMarried);  // divorced from 12, then married 14
  EXPECT_EQ(of(y2013, 13).marital, MaritalStatus::kDivorced);
}

}  // namespace
