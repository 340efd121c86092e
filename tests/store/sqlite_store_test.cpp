// The SQLite adapter: migrations, transactions, idempotent upserts.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() /
             ("danso-store-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    for (const char* s : {"", "-wal", "-shm", ".lock"}) fs::remove(path_ + s);
  }
  void TearDown() override {
    for (const char* s : {"", "-wal", "-shm", ".lock"}) fs::remove(path_ + s);
  }
  std::string path_;
};

OrgUnit village() {
  OrgUnit u;
  u.id = UnitId(1);
  u.code = "9900101";
  u.name = "Thôn Một";
  u.kind = UnitKind::kVillage;
  u.valid_from = Date::parse("2019-01-01").value();
  return u;
}

TEST_F(SqliteStoreTest, OpeningAMissingFileWithoutCreateIsRefused) {
  auto s = open_sqlite_store(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_NE(s.error().en.find("danso init"), std::string::npos);
}

TEST_F(SqliteStoreTest, AnOlderDatabaseIsMigratedForward) {
  const auto all = sqlite::sqlite_migrations();
  ASSERT_GE(all.size(), 2u);
  {
    auto old = open_sqlite_store(path_, {.create = true, .migrations = all.subspan(0, 1)});
    ASSERT_TRUE(old.ok());
    EXPECT_EQ((*old)->schema_version(), 1);
  }
  auto s = open_sqlite_store(path_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->schema_version(), all.back().version);
  const auto applied = (*s)->migrations_applied();
  ASSERT_EQ(applied.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(applied[i].first, all[i].version);
    EXPECT_EQ(applied[i].second, all[i].name);
  }
}

TEST_F(SqliteStoreTest, ANewerDatabaseIsRefused) {
  const sqlite::Migration future[] = {{1, "register tables", sqlite::sqlite_migrations()[0].sql},
                                      {2, "register indexes", sqlite::sqlite_migrations()[1].sql},
                                      {99, "from the future", "CREATE TABLE future(x)"}};
  ASSERT_TRUE(open_sqlite_store(path_, {.create = true, .migrations = future}).ok());
  auto s = open_sqlite_store(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.error().en.find("newer than this program"), std::string::npos);
}

TEST_F(SqliteStoreTest, ATransactionNotCommittedWritesNothing) {
  auto s = open_sqlite_store(path_, {.create = true, .migrations = {}});
  ASSERT_TRUE(s.ok());
  {
    auto tx = (*s)->begin();
    const OrgUnit u = village();
    ASSERT_TRUE((*s)->upsert_units(std::span<const OrgUnit>(&u, 1)).ok());
    EXPECT_EQ((*s)->count_rows("units"), 1);
  }
  EXPECT_EQ((*s)->count_rows("units"), 0);
}

TEST_F(SqliteStoreTest, UpsertsAreIdempotentAndCitizenIdsUnique) {
  auto s = open_sqlite_store(path_, {.create = true, .migrations = {}});
  ASSERT_TRUE(s.ok());
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
  EXPECT_EQ(st.count_rows("persons"), 1);
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
TEST_F(SqliteStoreTest, PersonPagesAndEventsNamingAPerson) {
  auto s = open_sqlite_store(path_, {.create = true, .migrations = {}});
  ASSERT_TRUE(s.ok());
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
  const UnitId village1[] = {v1.id}, both[] = {v2.id, v1.id, v1.id};
  std::vector<Person> page;
  EXPECT_EQ(st.persons_page(village1, "", 0, 2, page), 6);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].id, PersonId(89));  // households 1, 3, 5: persons 89, 90, 93, 94, 97, 98
  EXPECT_EQ(page[1].id, PersonId(90));
  EXPECT_EQ(page[0].name, "Lê Thị Hoa");
  page.clear();
  EXPECT_EQ(st.persons_page(both, "le thi", 0, 20, page), 6);
  ASSERT_EQ(page.size(), 6u);
  for (size_t i = 1; i < page.size(); ++i) EXPECT_LT(page[i - 1].id, page[i].id);
  for (const Person& p : page) EXPECT_EQ(p.name, "Lê Thị Hoa");
  page.clear();
  EXPECT_EQ(st.persons_page(both, "van nam", 4, 20, page), 6);
  EXPECT_EQ(page.size(), 2u);
  page.clear();
  EXPECT_EQ(st.persons_page(both, "van nam", 40, 20, page), 6);  // past the end
  EXPECT_TRUE(page.empty());
  EXPECT_EQ(st.persons_page(village1, "khong co", 0, 20, page), 0);
  std::vector<Household> hpage;
  EXPECT_EQ(st.households_page(both, 1, 2, hpage), 6);
  ASSERT_EQ(hpage.size(), 2u);
  EXPECT_EQ(hpage[0].id, HouseholdId(2));
  EXPECT_EQ(hpage[0].village_code, "9900102");

  const PersonId bride[] = {PersonId(98)}, two[] = {PersonId(97), PersonId(90)}, nobody[] = {PersonId(50)};
  auto naming = st.event_facts_naming(bride);
  ASSERT_EQ(naming.size(), 1u);
  EXPECT_EQ(naming[0].id, EventId(1));
  naming = st.event_facts_naming(two);
  ASSERT_EQ(naming.size(), 2u);
  EXPECT_EQ(naming[0].id, EventId(1));
  EXPECT_EQ(naming[1].id, EventId(2));
  EXPECT_TRUE(st.event_facts_naming(nobody).empty());
}

}  // namespace
