// The PostgreSQL schema ready for a distributed PostgreSQL (Citus,
// docs/scale-out.md) and kept so: a database migrated afresh breaks none of
// the rules its catalog is read for (store/postgres/pg_distribution.h), and
// the check names each rule a changed schema breaks; the statements that
// distribute it are the ones the document gives; and a register row whose
// province changes is re-homed with the rows that follow it, while a move
// by slips leaves every row with its person; a database made before
// migration 27 gets the province of every row. PostgreSQL's parts run on
// the server DANSO_TEST_PG names (scripts/pg_cluster.sh), skipped without.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/pg_test_database.h"
#include "store/postgres/pg_distribution.h"
#include "store/postgres/pg_store.h"

using namespace danso;

namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::unique_ptr<Store> migrated(const test::PgTestDatabase& db) {
  auto s = open_pg_store(db.location());
  if (!s.ok()) {
    ADD_FAILURE() << s.error().en;
    return nullptr;
  }
  return std::move(*s);
}

TEST(CitusReady, AFreshDatabaseKeepsEveryRule) {
  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  ASSERT_NE(migrated(db), nullptr);
  pg::PgConn conn(db.location());
  EXPECT_EQ(joined(pg::pg_distribution_problems(conn)), "");
  // The register's tables have the column, and their keys begin with it.
  pg::PgResult r = conn.query(
      "SELECT k.table_name, string_agg(k.column_name, ',' ORDER BY k.ordinal_position) "
      "FROM information_schema.table_constraints c JOIN information_schema.key_column_usage k "
      "ON k.constraint_name = c.constraint_name AND k.table_name = c.table_name "
      "WHERE c.table_schema = current_schema() AND c.constraint_type = 'PRIMARY KEY' "
      "AND c.table_name IN ('households','persons','events','residence','person_names') GROUP BY 1 ORDER BY 1");
  ASSERT_EQ(r.rows(), 5);
  EXPECT_EQ(r.text(0, 1), "province,id");                  // events
  EXPECT_EQ(r.text(1, 1), "province,id");                  // households
  EXPECT_EQ(r.text(2, 1), "province,id");                  // person_names
  EXPECT_EQ(r.text(3, 1), "province,id");                  // persons
  EXPECT_EQ(r.text(4, 1), "province,person_id,start");     // residence
}

TEST(CitusReady, TheCheckNamesEachRuleAChangedSchemaBreaks) {
  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  ASSERT_NE(migrated(db), nullptr);
  struct Break {
    const char* sql;
    const char* named;
  };
  const Break breaks[] = {
      {"CREATE UNIQUE INDEX events_id_unique ON events(id)",
       "unique index events_id_unique of register table events lacks province"},
      {"ALTER TABLE persons ADD CONSTRAINT persons_id_unique UNIQUE (id)",
       "UNIQUE persons_id_unique of register table persons lacks province"},
      {"ALTER TABLE events ADD CONSTRAINT events_related_person FOREIGN KEY (related_id) REFERENCES persons(id)",
       "foreign key events_related_person of register table events to register table persons does not pair "
       "province with province"},
      {"ALTER TABLE households DROP CONSTRAINT households_pkey CASCADE; ALTER TABLE households ADD PRIMARY KEY (id)",
       "PRIMARY KEY households_pkey of register table households lacks province"},
      {"ALTER TABLE person_names DROP COLUMN province", "register table person_names has no column province"},
      {"ALTER TABLE write_keys ADD COLUMN province text; ALTER TABLE write_keys ADD CONSTRAINT write_keys_person "
       "FOREIGN KEY (province, record) REFERENCES persons(province, id)",
       "foreign key write_keys_person of coordinator table write_keys to register table persons: only register "
       "tables may refer to the register"},
      {"ALTER TABLE events ADD CONSTRAINT events_recorded_by FOREIGN KEY (recorded_by) REFERENCES users(id)", ""},
      {"ALTER TABLE events ADD CONSTRAINT events_favourite FOREIGN KEY (recorded_by) REFERENCES favourites(id)",
       "foreign key events_favourite of register table events to coordinator table favourites: the register may "
       "refer only to the register and to reference tables"},
      {"ALTER TABLE users ADD CONSTRAINT users_favourite FOREIGN KEY (id) REFERENCES favourites(id)",
       "foreign key users_favourite of reference table users to coordinator table favourites: a reference table "
       "may refer only to reference tables"},
      {"CREATE TABLE village_notes (village_id bigint PRIMARY KEY REFERENCES units(id), note text)",
       "table village_notes is placed neither in the register, nor as a reference table, nor on the coordinator"},
  };
  pg::PgConn conn(db.location());
  size_t expected = 0;
  for (const Break& b : breaks) {
    ASSERT_EQ(db.run(b.sql), "") << b.sql;
    const std::string problems = joined(pg::pg_distribution_problems(conn));
    if (*b.named) {
      ++expected;
      EXPECT_NE(problems.find(std::string(b.named) + "\n"), std::string::npos) << b.sql << "\n" << problems;
    }
    // Each break adds its own line, and only that (a key to a reference table adds none).
    EXPECT_EQ(pg::pg_distribution_problems(conn).size(), expected) << b.sql << "\n" << problems;
  }
}

// Every statement distributing the schema is the document's, each table
// placed once, the register's colocated with households.
TEST(CitusReady, TheDocumentGivesTheStatementsThatDistributeTheSchema) {
  std::ifstream in(std::string(DANSO_PROJECT_DATA) + "/../docs/scale-out.md");
  ASSERT_TRUE(in) << "docs/scale-out.md";
  std::stringstream doc;
  doc << in.rdbuf();
  const std::vector<std::string> statements = pg::pg_citus_statements();
  for (const std::string& s : statements) EXPECT_NE(doc.str().find(s), std::string::npos) << s;
  int reference = 0, distributed = 0, colocated = 0;
  for (const std::string& s : statements) {
    reference += s.starts_with("SELECT create_reference_table(");
    distributed += s.starts_with("SELECT create_distributed_table(");
    colocated += s.find("colocate_with => 'households'") != std::string::npos;
  }
  EXPECT_EQ(reference, 5);
  EXPECT_EQ(distributed, 5);
  EXPECT_EQ(colocated, 4);
  EXPECT_EQ(statements[0], "SELECT create_reference_table('units');");
  EXPECT_EQ(statements[5], "SELECT create_distributed_table('households', 'province');");
  EXPECT_EQ(statements[6], "SELECT create_distributed_table('persons', 'province', colocate_with => 'households');");
  EXPECT_NE(statements.back().find("'audit'"), std::string::npos);
  EXPECT_NE(statements.back().find("citus_add_local_table_to_metadata"), std::string::npos);
}

// Two provinces (91, 92), each with a district and a village.
std::vector<OrgUnit> two_provinces() {
  std::vector<OrgUnit> out;
  auto unit = [&](int64_t id, std::string code, UnitKind kind, int level, int64_t parent) {
    OrgUnit u;
    u.id = UnitId(id), u.code = std::move(code), u.name = "Đơn vị " + std::to_string(id), u.kind = kind;
    u.level = level, u.parent = UnitId(parent), u.valid_from = Date::parse("2019-01-01").value();
    out.push_back(u);
  };
  unit(1, "91", UnitKind::kProvince, 1, 0);
  unit(2, "911", UnitKind::kDistrict, 2, 1);
  unit(3, "9110101", UnitKind::kVillage, 3, 2);
  unit(4, "92", UnitKind::kProvince, 1, 0);
  unit(5, "921", UnitKind::kDistrict, 2, 4);
  unit(6, "9210101", UnitKind::kVillage, 3, 5);
  return out;
}

Household household_in(int64_t id, int64_t village) {
  Household h;
  h.id = HouseholdId(id), h.village = UnitId(village), h.address = "Số " + std::to_string(id);
  h.registered_on = Date::parse("2020-01-01").value();
  return h;
}

Person person_of(int64_t id, int64_t household, Sex sex) {
  Person p;
  p.id = PersonId(id), p.household = HouseholdId(household), p.name = "Người Thử " + std::to_string(id);
  p.sex = sex, p.birth_date = Date::parse("1990-05-01").value(), p.registered_on = Date::parse("2020-01-01").value();
  p.citizen_id = "99000000000" + std::to_string(id);
  return p;
}

VitalEvent event_of(int64_t id, EventType type, const char* date, int64_t village, int64_t person, int64_t related,
                    int64_t household) {
  VitalEvent e;
  e.id = EventId(id), e.type = type, e.date = Date::parse(date).value(), e.village = UnitId(village);
  e.person = PersonId(person), e.related = PersonId(related), e.household = HouseholdId(household);
  return e;
}

// Rows whose province is not the one they follow, in all the register.
int64_t strays(pg::PgConn& c) {
  return c
      .query(
          "SELECT (SELECT COUNT(*) FROM households h WHERE h.province IS DISTINCT FROM danso_province_of(h.village_id))"
          " + (SELECT COUNT(*) FROM persons p JOIN households h ON h.id = p.household_id WHERE h.province <> p.province)"
          " + (SELECT COUNT(*) FROM events e JOIN persons p ON p.id = e.person_id WHERE p.province <> e.province)"
          " + (SELECT COUNT(*) FROM residence r JOIN persons p ON p.id = r.person_id WHERE p.province <> r.province)"
          " + (SELECT COUNT(*) FROM person_names n JOIN persons p ON p.id = n.id WHERE p.province <> n.province)"
          " + (SELECT COUNT(*) FROM (SELECT id FROM persons GROUP BY id HAVING COUNT(*) > 1) d)")
      .i64(0, 0);
}

// The province column of each row of `table` naming `column` = id, in row order.
std::string provinces_in(pg::PgConn& c, const std::string& table, const std::string& column, int64_t id) {
  pg::PgResult r = c.query("SELECT string_agg(province, ',' ORDER BY province) FROM " + table + " WHERE " + column +
                               " = $1",
                           pg::Params().add(id));
  return r.is_null(0, 0) ? "" : std::string(r.text(0, 0));
}

TEST(CitusReady, AMoveAcrossProvincesKeepsEachRowWithItsPersonAndARehomedPersonTakesItsRows) {
  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  auto s = migrated(db);
  ASSERT_NE(s, nullptr);
  Store& st = *s;
  pg::PgConn c(db.location());
  const auto units = two_provinces();
  const Household h1 = household_in(1, 3), h2 = household_in(2, 6);
  const Person a = person_of(1, 1, Sex::kMale), b = person_of(2, 2, Sex::kFemale);
  const Date d2020 = Date::parse("2020-01-01").value(), d2023 = Date::parse("2023-03-01").value();
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_units(units).ok());
    ASSERT_TRUE(st.upsert_households(std::vector<Household>{h1, h2}).ok());
    ASSERT_TRUE(st.upsert_persons(std::vector<Person>{a, b}).ok());
    const std::vector<ResidenceSpell> spells{{a.id, h1.id, UnitId(3), d2020, {}}, {b.id, h2.id, UnitId(6), d2020, {}}};
    ASSERT_TRUE(st.replace_residence_of(std::vector<PersonId>{a.id, b.id}, spells).ok());
    // Married across the provinces: the related person lives in the other.
    ASSERT_TRUE(st.upsert_events(std::vector<VitalEvent>{event_of(1, EventType::kMarriage, "2022-06-01", 3, 1, 2, 0)})
                    .ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(provinces_in(c, "households", "id", 1), "91");
  EXPECT_EQ(provinces_in(c, "households", "id", 2), "92");
  EXPECT_EQ(provinces_in(c, "persons", "id", 1), "91");
  EXPECT_EQ(provinces_in(c, "persons", "id", 2), "92");
  EXPECT_EQ(provinces_in(c, "events", "id", 1), "91");

  // A moves into B's household by slips (move out, move in): their rows stay
  // under their household of record, where they now live is another province.
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_events(std::vector<VitalEvent>{event_of(2, EventType::kMoveOut, "2023-03-01", 3, 1, 0, 1),
                                                         event_of(3, EventType::kMoveIn, "2023-03-01", 6, 1, 0, 2)})
                    .ok());
    const std::vector<ResidenceSpell> spells{{a.id, h1.id, UnitId(3), d2020, d2023}, {a.id, h2.id, UnitId(6), d2023, {}}};
    ASSERT_TRUE(st.replace_residence_of(std::vector<PersonId>{a.id}, spells).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  ASSERT_TRUE(st.find_person(a.id).has_value());
  EXPECT_EQ(st.find_person(a.id)->household, h1.id);
  EXPECT_EQ(provinces_in(c, "persons", "id", 1), "91");
  EXPECT_EQ(provinces_in(c, "events", "person_id", 1), "91,91,91");
  EXPECT_EQ(provinces_in(c, "residence", "person_id", 1), "91,91");
  EXPECT_EQ(st.events_naming(std::vector<PersonId>{a.id}).size(), 3u);
  EXPECT_EQ(st.residence_of(a.id).size(), 2u);
  {
    std::vector<PlacedPerson> page;
    const ListTotal in_92 = st.persons_page(std::vector<UnitId>{UnitId(6)}, "", PersonFilter{}, 0, 10, page);
    EXPECT_EQ(in_92.count, 2);  // B and A, who lives there now
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].person.id, a.id);
    EXPECT_EQ(page[0].household, h2.id);
  }
  EXPECT_EQ(strays(c), 0);

  // A's household of record becomes B's: A is re-homed to 92 with the
  // events, spells and folded name, each row once; C follows household 1
  // when it is moved to the other province's village.
  const Person c1 = person_of(3, 1, Sex::kFemale);
  {
    auto tx = st.begin();
    Person moved = a;
    moved.household = h2.id;
    ASSERT_TRUE(st.upsert_persons(std::vector<Person>{moved, c1}).ok());
    ASSERT_TRUE(st.replace_residence_of(std::vector<PersonId>{c1.id},
                                        std::vector<ResidenceSpell>{{c1.id, h1.id, UnitId(3), d2020, {}}})
                    .ok());
    ASSERT_TRUE(st.upsert_events(std::vector<VitalEvent>{event_of(4, EventType::kDeath, "2024-01-01", 3, 3, 0, 0)})
                    .ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(provinces_in(c, "persons", "id", 1), "92");
  EXPECT_EQ(provinces_in(c, "person_names", "id", 1), "92");
  EXPECT_EQ(provinces_in(c, "events", "person_id", 1), "92,92,92");
  EXPECT_EQ(provinces_in(c, "residence", "person_id", 1), "92,92");
  ASSERT_TRUE(st.find_person(a.id).has_value());
  EXPECT_EQ(st.find_person(a.id)->household, h2.id);
  EXPECT_EQ(st.find_event(EventId(2))->person, a.id);
  EXPECT_EQ(st.count_rows(StoredTable::kPersons), 3);
  EXPECT_EQ(st.count_rows(StoredTable::kEvents), 4);
  EXPECT_EQ(strays(c), 0);
  {
    auto tx = st.begin();
    Household h1_moved = h1;
    h1_moved.village = UnitId(6);
    ASSERT_TRUE(st.upsert_households(std::vector<Household>{h1_moved}).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(provinces_in(c, "households", "id", 1), "92");
  EXPECT_EQ(provinces_in(c, "persons", "id", 3), "92");
  EXPECT_EQ(provinces_in(c, "events", "person_id", 3), "92");
  EXPECT_EQ(provinces_in(c, "residence", "person_id", 3), "92");
  EXPECT_EQ(st.find_household(h1.id)->village, UnitId(6));
  EXPECT_EQ(st.count_rows(StoredTable::kHouseholds), 2);
  EXPECT_EQ(st.count_rows(StoredTable::kResidence), 4);
  EXPECT_EQ(strays(c), 0);

  // An event rewritten with a person of the other province leaves its old one.
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_events(std::vector<VitalEvent>{event_of(1, EventType::kMarriage, "2022-06-01", 6, 2, 1, 0)})
                    .ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(provinces_in(c, "events", "id", 1), "92");
  EXPECT_EQ(strays(c), 0);
}

// A database made before migration 27 gets the province of every row it
// holds: households from their villages (a village with no province above
// it takes the top of its chain), the rest from what they follow.
TEST(CitusReady, AnOlderDatabaseGetsTheProvinceOfEveryRow) {
  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  const auto all = pg::pg_migrations();
  size_t before27 = 0;
  while (before27 < all.size() && all[before27].version != 27) ++before27;
  ASSERT_LT(before27, all.size());
  {
    auto old = open_pg_store(db.location(), PgOpenOptions{all.subspan(0, before27)});
    ASSERT_TRUE(old.ok()) << old.error().en;
    EXPECT_EQ((*old)->schema_version(), 26);
  }
  ASSERT_EQ(db.run(
                "INSERT INTO units(id, code, name, kind, level, parent_id, valid_from) VALUES "
                "(1, '91', 'Tỉnh A', 'province', 1, NULL, '2019-01-01'), (2, '911', 'Huyện A', 'district', 2, 1, "
                "'2019-01-01'), (3, '9110101', 'Thôn A', 'village', 3, 2, '2019-01-01'), "
                "(4, '9900101', 'Thôn Lẻ', 'village', 1, NULL, '2019-01-01');"
                "INSERT INTO households(id, village_id, address, poverty, social_protection, ethnic_minority, "
                "registered_on) VALUES (1, 3, 'Số 1', 'none', false, false, '2020-01-01'), "
                "(2, 4, 'Số 2', 'none', false, false, '2020-01-01');"
                "INSERT INTO persons(id, household_id, name, sex, birth_date, citizen_id, relation, ethnicity, marital, "
                "residence, registered_on) VALUES (1, 1, 'Người Một', 'M', '1990-01-01', '990000000001', 'head', "
                "'Kinh', 'single', 'permanent', '2020-01-01'), (2, 2, 'Người Hai', 'F', '1991-01-01', NULL, 'head', "
                "'Kinh', 'single', 'permanent', '2020-01-01');"
                "INSERT INTO person_names(id, folded) VALUES (1, 'nguoi mot'), (2, 'nguoi hai');"
                "INSERT INTO residence(person_id, start, household_id, village_id) VALUES (1, '2020-01-01', 1, 3), "
                "(2, '2020-01-01', 2, 4);"
                "INSERT INTO events(id, type, date, village_id, person_id, related_id) VALUES "
                "(1, 'marriage', '2022-01-01', 3, 1, 2);"),
            "");
  auto s = migrated(db);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->schema_version(), all.back().version);
  pg::PgConn c(db.location());
  EXPECT_EQ(joined(pg::pg_distribution_problems(c)), "");
  EXPECT_EQ(provinces_in(c, "households", "id", 1), "91");
  EXPECT_EQ(provinces_in(c, "households", "id", 2), "9900101");
  EXPECT_EQ(provinces_in(c, "persons", "id", 1), "91");
  EXPECT_EQ(provinces_in(c, "persons", "id", 2), "9900101");
  EXPECT_EQ(provinces_in(c, "person_names", "id", 2), "9900101");
  EXPECT_EQ(provinces_in(c, "residence", "person_id", 1), "91");
  EXPECT_EQ(provinces_in(c, "events", "id", 1), "91");
  EXPECT_EQ(strays(c), 0);
  ASSERT_TRUE(s->find_person(PersonId(1)).has_value());
  EXPECT_EQ(s->find_person(PersonId(1))->name, "Người Một");
  EXPECT_EQ(s->person_with_citizen_id("990000000001"), PersonId(1));
  EXPECT_EQ(s->events_naming(std::vector<PersonId>{PersonId(2)}).size(), 1u);
}

// A citizen ID is the database's key within a province; across provinces
// it is the application's check (app/import), not the database's.
TEST(CitusReady, ACitizenIdIsUniqueWithinItsProvince) {
  if (test::PgTestDatabase::server().empty()) GTEST_SKIP() << "DANSO_TEST_PG not set (scripts/pg_cluster.sh)";
  test::PgTestDatabase db;
  ASSERT_EQ(db.error(), "");
  auto s = migrated(db);
  ASSERT_NE(s, nullptr);
  Store& st = *s;
  {
    auto tx = st.begin();
    ASSERT_TRUE(st.upsert_units(two_provinces()).ok());
    ASSERT_TRUE(st.upsert_households(std::vector<Household>{household_in(1, 3), household_in(2, 6), household_in(3, 3)})
                    .ok());
    ASSERT_TRUE(st.upsert_persons(std::vector<Person>{person_of(1, 1, Sex::kMale)}).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  auto tx = st.begin();
  Person same = person_of(2, 3, Sex::kMale);
  same.citizen_id = person_of(1, 1, Sex::kMale).citizen_id;
  const auto refused = st.upsert_persons(std::vector<Person>{same});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(refused.error().en.find("persons_citizen"), std::string::npos) << refused.error().en;
  same.household = HouseholdId(2);
  EXPECT_TRUE(st.upsert_persons(std::vector<Person>{same}).ok());
  EXPECT_EQ(st.person_with_citizen_id(same.citizen_id).has_value(), true);
}

}  // namespace
