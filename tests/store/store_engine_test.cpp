// The store on every engine (tests/store/store_engines.h): migrations,
// transactions, idempotent upserts, the register's pages and search.
#include <gtest/gtest.h>

#include <filesystem>

#include "store_engines.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

class StoreTest : public test::StoreEngineTest {};
DANSO_STORE_ENGINES(StoreTest);

OrgUnit village() {
  OrgUnit u;
  u.id = UnitId(1);
  u.code = "9900101";
  u.name = "Thôn Một";
  u.kind = UnitKind::kVillage;
  u.valid_from = Date::parse("2019-01-01").value();
  return u;
}

TEST(SqliteFileTest, OpeningAMissingFileWithoutCreateIsRefused) {
  const std::string path = (fs::temp_directory_path() / ("danso-missing-" + std::to_string(getpid()) + ".db")).string();
  fs::remove(path);
  auto s = open_sqlite_store(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_NE(s.error().en.find("danso init"), std::string::npos);
}

TEST_P(StoreTest, AnOlderDatabaseIsMigratedForward) {
  const auto all = migrations();
  ASSERT_GE(all.size(), 2u);
  {
    auto old = open(all.subspan(0, 1));
    ASSERT_TRUE(old.ok()) << old.error().en;
    EXPECT_EQ((*old)->schema_version(), 1);
  }
  auto s = open();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->schema_version(), all.back().version);
  const auto applied = (*s)->migrations_applied();
  ASSERT_EQ(applied.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(applied[i].first, all[i].version);
    EXPECT_EQ(applied[i].second, all[i].name);
  }
}

TEST_P(StoreTest, ANewerDatabaseIsRefused) {
  const sqlite::Migration future[] = {{1, "register tables", migrations()[0].sql},
                                      {2, "register indexes", migrations()[1].sql},
                                      {99, "from the future", "CREATE TABLE future(x integer)"}};
  ASSERT_TRUE(open(future).ok());
  auto s = open();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.error().en.find("newer than this program"), std::string::npos);
}

TEST_P(StoreTest, TheServerSaysWhatItIsAndWhereItsLogIs) {
  auto s = open();
  ASSERT_TRUE(s.ok()) << s.error().en;
  const ServerFacts before = (*s)->server_facts();
  EXPECT_FALSE(before.standby);
  if (!postgres()) {  // a file: no server, no log to follow
    EXPECT_EQ(before.identity, "");
    EXPECT_EQ(before.started_at, "");
    EXPECT_EQ(before.log_position, -1);
    return;
  }
  // The cluster's system identifier and the database's oid.
  const size_t slash = before.identity.find('/');
  ASSERT_NE(slash, std::string::npos) << before.identity;
  EXPECT_GT(slash, 0u);
  EXPECT_EQ(before.identity.find_first_not_of("0123456789/"), std::string::npos) << before.identity;
  EXPECT_EQ(before.started_at.size(), 27u) << before.started_at;  // 2026-12-05T22:04:01.123456Z
  EXPECT_EQ(before.started_at.back(), 'Z');
  ASSERT_GT(before.log_position, 0);
  {
    auto tx = (*s)->begin();
    const OrgUnit u = village();
    ASSERT_TRUE((*s)->upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  const ServerFacts after = (*s)->server_facts();
  EXPECT_GT(after.log_position, before.log_position);  // the commit is within it
  EXPECT_EQ(after.identity, before.identity);
  EXPECT_EQ(after.started_at, before.started_at);
  // Another database of the same server is another identity.
  auto other = open_other("b");
  ASSERT_TRUE(other.ok()) << other.error().en;
  EXPECT_NE((*other)->server_facts().identity, before.identity);
}

TEST_P(StoreTest, ATransactionNotCommittedWritesNothing) {
  auto s = open();
  ASSERT_TRUE(s.ok()) << s.error().en;
  {
    auto tx = (*s)->begin();
    const OrgUnit u = village();
    ASSERT_TRUE((*s)->upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    EXPECT_EQ((*s)->count_rows(StoredTable::kUnits), 1);
  }
  EXPECT_EQ((*s)->count_rows(StoredTable::kUnits), 0);
}

TEST_P(StoreTest, UpsertsAreIdempotentAndCitizenIdsUnique) {
  auto s = open();
  ASSERT_TRUE(s.ok()) << s.error().en;
  Store& st = **s;
  const OrgUnit u = village();
  Household h;
  h.id = HouseholdId(1);
  h.village = u.id;
  h.registered_on = u.valid_from;
  Person a;
  a.id = PersonId(1);
  a.household = h.id;
  a.name = "Người A";
  a.birth_date = Date::parse("1990-01-01").value();
  a.citizen_id = "990000000001";
  a.registered_on = u.valid_from;
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    ASSERT_TRUE(st.upsert_households(std::span<const Household>(&h, 1)).ok());
    ASSERT_TRUE(st.upsert_persons(std::span<const Person>(&a, 1)).ok());
    ASSERT_TRUE(st.upsert_persons(std::span<const Person>(&a, 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(st.count_rows(StoredTable::kPersons), 1);
  Person b = a;
  b.id = PersonId(2);
  auto tx = st.begin();
  auto dup = st.upsert_persons(std::span<const Person>(&b, 1));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
}

// A unit's persons are read from its villages' households: the page, the
// total of every match, a page past the end, a village named twice; and a
// slip's check reads the events naming a person in either role.
TEST_P(StoreTest, PersonPagesAndEventsNamingAPerson) {
  auto s = open();
  ASSERT_TRUE(s.ok()) << s.error().en;
  Store& st = **s;
  OrgUnit v1 = village(), v2 = village();
  v2.id = UnitId(2);
  v2.code = "9900102";
  const OrgUnit units[] = {v1, v2};
  std::vector<Household> households;
  std::vector<Person> persons;
  for (int64_t i = 1; i <= 6; ++i) {
    Household h;
    h.id = HouseholdId(i);
    h.village = i % 2 ? v1.id : v2.id;  // odd households in village 1
    h.registered_on = v1.valid_from;
    households.push_back(h);
    for (int64_t k = 0; k < 2; ++k) {
      Person p;
      p.id = PersonId(100 - 2 * i - k);  // ids not in household order
      p.household = h.id;
      p.name = k ? "Lê Thị Hoa" : "Trần Văn Nam";
      p.birth_date = Date::parse("1990-01-01").value();
      p.registered_on = v1.valid_from;
      persons.push_back(p);
    }
  }
  VitalEvent e1, e2;
  e1.id = EventId(1);
  e1.type = EventType::kMarriage;
  e1.date = Date::parse("2015-01-01").value();
  e1.village = v1.id;
  e1.person = PersonId(97);
  e1.related = PersonId(98);
  e2 = e1;
  e2.id = EventId(2);
  e2.type = EventType::kHealthInsuranceCard;
  e2.person = PersonId(90);
  e2.related = PersonId();
  const VitalEvent events[] = {e1, e2};
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_units(units).ok());
    ASSERT_TRUE(st.upsert_households(households).ok());
    ASSERT_TRUE(st.upsert_persons(persons).ok());
    ASSERT_TRUE(st.upsert_events(events).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  // Each person lives in their household of registration since then.
  std::vector<ResidenceSpell> spells;
  for (const Person& p : persons)
    spells.push_back({p.id, p.household, p.household.value % 2 ? v1.id : v2.id, p.registered_on, std::nullopt});
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.replace_all_residence(spells).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  const UnitId village1[] = {v1.id}, both[] = {v2.id, v1.id, v1.id};
  std::vector<PlacedPerson> page;
  EXPECT_EQ(st.persons_page(village1, "", PersonFilter{}, 0, 2, page).count, 6);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].person.id, PersonId(89));  // households 1, 3, 5: persons 89, 90, 93, 94, 97, 98
  EXPECT_EQ(page[1].person.id, PersonId(90));
  EXPECT_EQ(page[0].person.name, "Lê Thị Hoa");
  EXPECT_EQ(page[0].household, HouseholdId(5));
  EXPECT_EQ(page[0].village_code, v1.code);
  page.clear();
  EXPECT_EQ(st.persons_page(both, "le thi", PersonFilter{}, 0, 20, page).count, 6);
  ASSERT_EQ(page.size(), 6u);
  for (size_t i = 1; i < page.size(); ++i) EXPECT_LT(page[i - 1].person.id, page[i].person.id);
  for (const PlacedPerson& p : page) EXPECT_EQ(p.person.name, "Lê Thị Hoa");
  page.clear();
  EXPECT_EQ(st.persons_page(both, "van nam", PersonFilter{}, 4, 20, page).count, 6);
  EXPECT_EQ(page.size(), 2u);
  page.clear();
  EXPECT_EQ(st.persons_page(both, "van nam", PersonFilter{}, 40, 20, page).count, 6);  // past the end
  EXPECT_TRUE(page.empty());
  EXPECT_EQ(st.persons_page(village1, "khong co", PersonFilter{}, 0, 20, page).count, 0);
  std::vector<ListedHousehold> hpage;
  EXPECT_EQ(st.households_page(both, 1, 2, hpage), 6);
  ASSERT_EQ(hpage.size(), 2u);
  EXPECT_EQ(hpage[0].household.id, HouseholdId(2));
  EXPECT_EQ(hpage[0].household.village_code, "9900102");

  const PersonId bride[] = {PersonId(98)}, two[] = {PersonId(97), PersonId(90)}, nobody[] = {PersonId(50)};
  auto naming = st.event_facts_naming(bride);
  ASSERT_EQ(naming.size(), 1u);
  EXPECT_EQ(naming[0].id, EventId(1));
  naming = st.event_facts_naming(two);
  ASSERT_EQ(naming.size(), 2u);
  EXPECT_EQ(naming[0].id, EventId(1));
  EXPECT_EQ(naming[1].id, EventId(2));
  EXPECT_TRUE(st.event_facts_naming(nobody).empty());

  // What a new slip's checks read: the given kinds naming the persons, on
  // either side, and the slip's own kind on its day; not their other slips.
  auto slip = [&](int64_t id, EventType type, const char* day, int64_t person, int64_t related) {
    VitalEvent e = e1;
    e.id = EventId(id);
    e.type = type;
    e.date = Date::parse(day).value();
    e.person = PersonId(person);
    e.related = PersonId(related);
    return e;
  };
  const VitalEvent more[] = {
      slip(3, EventType::kHealthInsuranceCard, "2024-01-01", 97, 0),     // another day
      slip(4, EventType::kHealthInsuranceCard, "2024-06-01", 97, 0),     // the slip's kind and day
      slip(5, EventType::kPremaritalCounselling, "2024-06-01", 97, 0),  // another kind that day
      slip(6, EventType::kBirth, "2016-01-01", 96, 98),                  // 98's child
      slip(7, EventType::kHealthInsuranceCard, "2024-06-01", 90, 97),   // 97 on the related side, that day
      slip(8, EventType::kElderlyHealthCheck, "2024-06-01", 93, 97),    // the same, another kind
  };
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_events(more).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  const EventType kinds[] = {EventType::kBirth, EventType::kDeath, EventType::kMarriage, EventType::kDivorce};
  const Date june = Date::parse("2024-06-01").value();
  auto ids = [](const std::vector<EventFacts>& facts) {
    std::string out;
    for (const EventFacts& f : facts) out += (out.empty() ? "" : ",") + std::to_string(f.id.value);
    return out;
  };
  const PersonId groom[] = {PersonId(97)}, couple[] = {PersonId(98), PersonId(97)};
  EXPECT_EQ(ids(st.event_facts_for_slip(groom, kinds, EventType::kHealthInsuranceCard, june)), "1,4,7");
  EXPECT_EQ(ids(st.event_facts_for_slip(bride, kinds, EventType::kHealthInsuranceCard, june)), "1,6");
  EXPECT_EQ(ids(st.event_facts_for_slip(couple, kinds, EventType::kPremaritalCounselling, june)), "1,5,6");
  EXPECT_EQ(ids(st.event_facts_for_slip(groom, {}, EventType::kHealthInsuranceCard, june)), "4,7");
  EXPECT_EQ(ids(st.event_facts_for_slip(groom, kinds, EventType::kHealthInsuranceCard, Date::parse("2024-01-02").value())),
            "1");
  EXPECT_TRUE(st.event_facts_for_slip(nobody, kinds, EventType::kHealthInsuranceCard, june).empty());
  EXPECT_EQ(ids(st.event_facts_naming(groom)), "1,3,4,5,7,8");
}

// Persons are listed where they live now (their last residence spell, kept
// in persons.lives_in as spells are written): a person who moved under their
// new village and household, no longer under the old; one who died or left
// with their last; one with no spell nowhere. A person's spells and a staff
// member's units are read by their keys.
TEST_P(StoreTest, PersonsAreListedWhereTheyLiveNow) {
  auto s = open();
  ASSERT_TRUE(s.ok()) << s.error().en;
  Store& st = **s;
  OrgUnit v1 = village(), v2 = village();
  v2.id = UnitId(2);
  v2.code = "9900102";
  const OrgUnit units[] = {v1, v2};
  auto day = [](const char* iso) { return Date::parse(iso).value(); };
  std::vector<Household> households;
  for (int64_t i = 1; i <= 2; ++i) {
    Household h;
    h.id = HouseholdId(i);
    h.village = i == 1 ? v1.id : v2.id;
    h.registered_on = day("2020-01-01");
    households.push_back(h);
  }
  std::vector<Person> persons;
  for (int64_t id : {11, 12, 13, 14, 15}) {
    Person p;
    p.id = PersonId(id);
    p.household = HouseholdId(id <= 13 ? 1 : 2);
    p.name = "Người Mẫu " + std::to_string(id);
    p.birth_date = day("1990-01-01");
    p.registered_on = day("2020-01-01");
    persons.push_back(p);
  }
  auto spell = [&](int64_t person, int64_t household, const char* start, std::optional<const char*> end) {
    return ResidenceSpell{PersonId(person), HouseholdId(household), household == 1 ? v1.id : v2.id, day(start),
                          end ? std::optional<Date>(day(*end)) : std::nullopt};
  };
  const ResidenceSpell spells[] = {
      spell(11, 1, "2020-01-01", "2023-06-01"), spell(11, 2, "2023-06-01", std::nullopt),  // moved to village 2
      spell(12, 1, "2020-01-01", "2022-03-01"),                                          // died, or left the area
      spell(13, 1, "2020-01-01", std::nullopt),                                          // stayed
      spell(15, 2, "2020-01-01", std::nullopt),                                          // 14 has none
  };
  StaffAssignment staff;
  staff.id = StaffId(7);
  staff.name = "Cán Bộ Mẫu";
  staff.unit = v2.id;
  staff.start = day("2020-01-01");
  StaffAssignment later = staff;
  later.unit = v1.id;
  later.start = day("2022-01-01");
  const StaffAssignment assignments[] = {staff, later};
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_units(units).ok());
    ASSERT_TRUE(st.upsert_households(households).ok());
    ASSERT_TRUE(st.upsert_persons(persons).ok());
    ASSERT_TRUE(st.replace_all_residence(spells).ok());
    ASSERT_TRUE(st.upsert_staff(assignments).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  using Rows = std::vector<std::pair<int64_t, int64_t>>;  // person, household
  auto listed = [&](UnitId v, std::string_view folded = "") {
    const UnitId villages[] = {v};
    std::vector<PlacedPerson> page;
    const int64_t total = st.persons_page(villages, folded, PersonFilter{}, 0, 50, page).count;
    Rows out;
    for (const PlacedPerson& p : page) {
      out.emplace_back(p.person.id.value, p.household.value);
      EXPECT_EQ(p.village, v);
    }
    EXPECT_EQ(total, int64_t(out.size()));
    return out;
  };
  auto members = [&](int64_t household) {
    std::vector<int64_t> out;
    for (const Person& p : st.household_members(HouseholdId(household))) out.push_back(p.id.value);
    return out;
  };
  EXPECT_EQ(listed(v1.id), (Rows{{12, 1}, {13, 1}}));
  EXPECT_EQ(listed(v2.id), (Rows{{11, 2}, {15, 2}}));
  EXPECT_EQ(listed(v2.id, "mau 11"), (Rows{{11, 2}}));
  EXPECT_EQ(listed(v1.id, "mau 11"), Rows{});
  // Everyone who has lived in the household (their status on a day is app/'s).
  EXPECT_EQ(members(1), (std::vector<int64_t>{11, 12, 13}));
  EXPECT_EQ(members(2), (std::vector<int64_t>{11, 15}));

  // 13 moves to household 2 (the spells of a person replaced), 14 is given a spell.
  {
    const PersonId moved[] = {PersonId(13), PersonId(14)};
    const ResidenceSpell now[] = {spell(13, 1, "2020-01-01", "2024-02-01"), spell(13, 2, "2024-02-01", std::nullopt),
                                  spell(14, 2, "2024-03-01", std::nullopt)};
    auto tx = st.begin();
    ASSERT_TRUE(st.replace_residence_of(moved, now).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(listed(v1.id), (Rows{{12, 1}}));
  EXPECT_EQ(listed(v2.id), (Rows{{11, 2}, {13, 2}, {14, 2}, {15, 2}}));
  EXPECT_EQ(members(1), (std::vector<int64_t>{11, 12, 13}));
  EXPECT_EQ(members(2), (std::vector<int64_t>{11, 13, 14, 15}));
  // Those a spell places in the area on the day, and only women: 12 left in 2022.
  auto kept = [&](UnitId v, const PersonFilter& f) {
    const UnitId villages[] = {v};
    std::vector<PlacedPerson> page;
    const int64_t total = st.persons_page(villages, "", f, 0, 50, page).count;
    EXPECT_EQ(total, int64_t(page.size()));
    std::vector<int64_t> out;
    for (const PlacedPerson& p : page) out.push_back(p.person.id.value);
    return out;
  };
  EXPECT_EQ(kept(v1.id, PersonFilter{day("2025-01-01"), false, true, std::nullopt}), std::vector<int64_t>{});
  EXPECT_EQ(kept(v1.id, PersonFilter{day("2021-01-01"), false, true, std::nullopt}), std::vector<int64_t>{12});
  EXPECT_EQ(kept(v2.id, PersonFilter{day("2024-02-15"), false, true, std::nullopt}), (std::vector<int64_t>{11, 13, 15}));
  EXPECT_EQ(kept(v2.id, PersonFilter{day("2024-03-01"), true, true, std::nullopt}), (std::vector<int64_t>{11, 13, 14, 15}));
  EXPECT_EQ(kept(v2.id, PersonFilter{day("2024-03-01"), true, false, Sex::kFemale}), std::vector<int64_t>{});
  // A change of the person's own facts leaves where they live.
  persons[2].name = "Người Mẫu Mười Ba";
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_persons(std::span<const Person>(&persons[2], 1)).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(listed(v2.id, "muoi ba"), (Rows{{13, 2}}));
  // The index of folded names follows the new name: the old one finds nobody.
  EXPECT_EQ(listed(v2.id, "mau 13"), Rows{});
  EXPECT_EQ(listed(v2.id, "nguoi mau mu"), (Rows{{13, 2}}));  // each word the beginning of one of the name's

  const auto of11 = st.residence_of(PersonId(11));
  ASSERT_EQ(of11.size(), 2u);
  EXPECT_EQ(of11[0].start, day("2020-01-01"));
  EXPECT_EQ(of11[1].household, HouseholdId(2));
  EXPECT_FALSE(of11[1].end);
  EXPECT_TRUE(st.residence_of(PersonId(99)).empty());
  EXPECT_EQ(st.staff_units(StaffId(7)), (std::vector<UnitId>{v1.id, v2.id}));
  EXPECT_TRUE(st.staff_units(StaffId(8)).empty());
}

}  // namespace
