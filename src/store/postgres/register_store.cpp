// Household, person, event, staff and residence writes of the PostgreSQL
// adapter. Rows are inserted many to a statement (insert_batched); each
// register row is hashed as it is bound, as the SQLite adapter hashes it
// (pg_row_binder.h). Households, persons, events, their spells and folded
// names are written under their province, the distribution column of a
// distributed PostgreSQL (migration 27, province_store.cpp), which the
// record hashes leave out. A refused write (a key taken, a missing reference)
// is kAlreadyExists with the server's message, as SQLite's constraint
// failures are, and leaves the caller's transaction usable.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "store/postgres/pg_batch.h"
#include "store/postgres/pg_row_binder.h"
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

// persons.lives_in follows the spells: the household of each person's last
// spell (held with the person, under their province).
constexpr const char* kPgLivesIn =
    "(SELECT r.household_id FROM residence r WHERE r.province = persons.province AND r.person_id = persons.id "
    "ORDER BY r.start DESC LIMIT 1)";

// Spells under their persons' provinces (one beside each spell).
void pg_insert_spells(PgConn& conn, std::span<const ResidenceSpell> spells, const std::vector<std::string>& provinces) {
  insert_batched<ResidenceSpell>(
      conn, "INSERT INTO residence(province, person_id, start, household_id, village_id, \"end\") VALUES ", 6, "",
      spells,
      [&](Params& p, const ResidenceSpell& s) {
        p.add(provinces[size_t(&s - spells.data())])
            .add(s.person.value)
            .add(s.start)
            .add(s.household.value)
            .add(s.village.value)
            .opt(s.end);
      },
      [](const ResidenceSpell& s) { return std::make_pair(s.person.value, s.start.days()); });
}

}  // namespace

Status PgStore::upsert_households(std::span<const Household> rows) {
  return step(
      [&] {
        // Each household's province (its village's), and those now under another.
        std::vector<int64_t> ids, villages;
        for (const Household& h : rows) ids.push_back(h.id.value), villages.push_back(h.village.value);
        const std::vector<std::string> provinces = provinces_of_villages(villages);
        const std::vector<PgMove> moving = rows_moving("households", ids, provinces);
        const RowsAre rows_are_new = rows_are("households", ids);
        insert_batched<Household>(
            *conn_,
            "INSERT INTO households(province, id, village_id, address, poverty, social_protection, ethnic_minority, "
            "registered_on) VALUES ",
            8,
            " ON CONFLICT (province, id) DO UPDATE SET village_id=EXCLUDED.village_id, address=EXCLUDED.address, "
            "poverty=EXCLUDED.poverty, social_protection=EXCLUDED.social_protection, "
            "ethnic_minority=EXCLUDED.ethnic_minority, registered_on=EXCLUDED.registered_on",
            rows,
            [&](Params& p, const Household& h) {
              p.add(provinces[size_t(&h - rows.data())]);  // not hashed: SQLite has no such column
              PgRowBinder row(p);
              row.integer(h.id.value)
                  .integer(h.village.value)
                  .text(h.address)
                  .text(kPoverty.code(h.poverty))
                  .flag(h.social_protection)
                  .flag(h.ethnic_minority)
                  .date(h.registered_on);
              hasher_.add(sqlite::kHouseholdRecord, h.id.value, row.hash());
            },
            [](const Household& h) { return h.id.value; }, rows_are_new);
        rehome_households(moving);
        place_unplaced("households", ids, provinces);
      },
      pg_refused_write);
}

Status PgStore::upsert_persons(std::span<const Person> rows) {
  return step(
      [&] {
        // Each person's province (their household's), and those now under another.
        std::vector<int64_t> ids, households;
        for (const Person& x : rows) ids.push_back(x.id.value), households.push_back(x.household.value);
        const std::vector<std::string> provinces = provinces_of_rows("households", households);
        const std::vector<PgMove> moving = rows_moving("persons", ids, provinces);
        const RowsAre persons_are = rows_are("persons", ids), names_are = rows_are("person_names", ids);
        insert_batched<Person>(
            *conn_,
            "INSERT INTO persons(province, id, household_id, name, sex, birth_date, citizen_id, relation, ethnicity, "
            "marital, residence, registered_on) VALUES ",
            12,
            " ON CONFLICT (province, id) DO UPDATE SET household_id=EXCLUDED.household_id, name=EXCLUDED.name, "
            "sex=EXCLUDED.sex, birth_date=EXCLUDED.birth_date, citizen_id=EXCLUDED.citizen_id, "
            "relation=EXCLUDED.relation, ethnicity=EXCLUDED.ethnicity, marital=EXCLUDED.marital, "
            "residence=EXCLUDED.residence, registered_on=EXCLUDED.registered_on",
            rows,
            [&](Params& p, const Person& x) {
              p.add(provinces[size_t(&x - rows.data())]);
              PgRowBinder row(p);
              row.integer(x.id.value)
                  .integer(x.household.value)
                  .text(x.name)
                  .text(kSexes.code(x.sex))
                  .date(x.birth_date)
                  .text_or_null(x.citizen_id)
                  .text(kRelations.code(x.relation))
                  .text(x.ethnicity)
                  .text(kMaritalStatuses.code(x.marital))
                  .text(kResidenceStatuses.code(x.residence))
                  .date(x.registered_on);
              hasher_.add(sqlite::kPersonRecord, x.id.value, row.hash());
            },
            [](const Person& x) { return x.id.value; }, persons_are);
        // The folded names follow each written name (migration 14), and
        // their words are kept (migration 22).
        std::vector<std::string> folded;
        folded.reserve(rows.size());
        std::set<std::string_view> words;
        for (const Person& x : rows) folded.push_back(fold_for_search(x.name));
        for (const std::string& f : folded)
          for (std::string_view w : search_words(f)) words.insert(w);
        insert_batched<Person>(
            *conn_, "INSERT INTO person_names(province, id, folded) VALUES ", 3,
            " ON CONFLICT (province, id) DO UPDATE SET folded = EXCLUDED.folded", rows,
            [&](Params& p, const Person& x) {
              const size_t i = size_t(&x - rows.data());
              p.add(provinces[i]).add(x.id.value).add(folded[i]);
            },
            [](const Person& x) { return x.id.value; }, names_are);
        rehome_persons(moving);
        place_unplaced("persons", ids, provinces);
        const std::vector<std::string_view> word_list(words.begin(), words.end());
        insert_batched<std::string_view>(
            *conn_, "INSERT INTO name_words(word) VALUES ", 1, " ON CONFLICT (word) DO NOTHING",
            std::span<const std::string_view>(word_list), [](Params& p, std::string_view w) { p.add(w); },
            [](std::string_view w) { return w; });
      },
      pg_refused_write);
}

Status PgStore::upsert_events(std::span<const VitalEvent> rows) {
  return step(
      [&] {
        // Each event's province (its person's); one that named a person of
        // another province before leaves it.
        std::vector<int64_t> ids, persons;
        for (const VitalEvent& e : rows) ids.push_back(e.id.value), persons.push_back(e.person.value);
        const std::vector<std::string> provinces = provinces_of_rows("persons", persons);
        remove_moved("events", rows_moving("events", ids, provinces));
        const RowsAre events_are = rows_are("events", ids);
        insert_batched<VitalEvent>(
            *conn_,
            "INSERT INTO events(province, id, type, date, village_id, person_id, related_id, household_id, birth_order, "
            "method, conditions, child_marriage, consanguineous, outcome, counterpart, place, recorded_by, "
            "recorded_on, spouse_name, spouse_birth_year, spouse_address, spouse_nationality) VALUES ",
            22,
            " ON CONFLICT (province, id) DO UPDATE SET type=EXCLUDED.type, date=EXCLUDED.date, "
            "village_id=EXCLUDED.village_id, person_id=EXCLUDED.person_id, related_id=EXCLUDED.related_id, "
            "household_id=EXCLUDED.household_id, birth_order=EXCLUDED.birth_order, method=EXCLUDED.method, "
            "conditions=EXCLUDED.conditions, child_marriage=EXCLUDED.child_marriage, "
            "consanguineous=EXCLUDED.consanguineous, outcome=EXCLUDED.outcome, "
            "counterpart=EXCLUDED.counterpart, place=EXCLUDED.place, recorded_by=EXCLUDED.recorded_by, "
            "recorded_on=EXCLUDED.recorded_on, spouse_name=EXCLUDED.spouse_name, "
            "spouse_birth_year=EXCLUDED.spouse_birth_year, spouse_address=EXCLUDED.spouse_address, "
            "spouse_nationality=EXCLUDED.spouse_nationality",
            rows,
            [&](Params& p, const VitalEvent& e) {
              p.add(provinces[size_t(&e - rows.data())]);
              PgRowBinder row(p);
              row.integer(e.id.value)
                  .text(kEventTypes.code(e.type))
                  .date(e.date)
                  .integer(e.village.value)
                  .integer(e.person.value)
                  .id(e.related.value)
                  .id(e.household.value)
                  .positive(e.birth_order);
              if (e.method) row.text(kContraceptiveMethods.code(*e.method)); else row.null();
              row.positive(e.conditions).flag(e.child_marriage).flag(e.consanguineous);
              if (e.outcome) row.text(kPregnancyOutcomes.code(*e.outcome)); else row.null();
              row.text_or_null(e.counterpart).text_or_null(e.place).id(e.recorded_by.value).date(e.recorded_on);
              // The spouse outside the register: hashed only when named (record_hashes.cpp).
              if (e.spouse_outside())
                row.text(e.spouse_name).positive(e.spouse_birth_year).text_or_null(e.spouse_address).text_or_null(
                    e.spouse_nationality);
              else
                row.unhashed_null().unhashed_null().unhashed_null().unhashed_null();
              hasher_.add(sqlite::kEventRecord, e.id.value, row.hash());
            },
            [](const VitalEvent& e) { return e.id.value; }, events_are);
      },
      pg_refused_write);
}

Status PgStore::delete_events(std::span<const EventId> ids) {
  return step(
      [&] {
        for (EventId id : ids) {
          conn_->query("DELETE FROM events WHERE id = $1", Params().add(id.value));
          hasher_.add(sqlite::kEventRecord, id.value, sqlite::kRemovedRecord);
          note_removed_id("events", id.value);
        }
      },
      pg_refused_write);
}

Status PgStore::delete_persons(std::span<const PersonId> ids) {
  return step(
      [&] {
        for (PersonId id : ids) {
          const Params p = Params().add(id.value);
          conn_->query("DELETE FROM residence WHERE person_id = $1", p);
          conn_->query("DELETE FROM person_names WHERE id = $1", p);
          conn_->query("DELETE FROM persons WHERE id = $1", p);
          hasher_.add(sqlite::kPersonRecord, id.value, sqlite::kRemovedRecord);
          note_removed_id("persons", id.value);
        }
      },
      pg_refused_write);
}

std::vector<std::pair<PersonId, PersonId>> PgStore::dismissed_duplicates() {
  PgResult r = conn_->query("SELECT person_a, person_b FROM duplicate_dismissals ORDER BY person_a, person_b");
  std::vector<std::pair<PersonId, PersonId>> out;
  for (int i = 0; i < r.rows(); ++i) out.emplace_back(PersonId(r.i64(i, 0)), PersonId(r.i64(i, 1)));
  return out;
}

Status PgStore::dismiss_duplicate(PersonId a, PersonId b, std::string_view by, std::string_view at,
                                  std::string_view note) {
  return step(
      [&] {
        conn_->query(
            "INSERT INTO duplicate_dismissals(person_a, person_b, dismissed_by, dismissed_at, note) "
            "VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING",
            Params().add(std::min(a.value, b.value)).add(std::max(a.value, b.value)).add(by).instant(at).add(note));
      },
      pg_refused_write);
}

Status PgStore::upsert_staff(std::span<const StaffAssignment> rows) {
  return step(
      [&] {
        for (const auto& s : rows) {
          const std::string duties = format_duties(s.duties);
          Params p;
          PgRowBinder row(p);
          row.integer(s.id.value)
              .text(s.name)
              .text(kSexes.code(s.sex))
              .text(kStaffRoles.code(s.role))
              .integer(s.unit.value)
              .text(duties)
              .date(s.start)
              .date_or_null(s.end);
          conn_->query(
              "INSERT INTO staff_assignments(staff_id, name, sex, role, unit_id, duties, start, \"end\") "
              "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (staff_id, start) DO UPDATE SET "
              "name=EXCLUDED.name, sex=EXCLUDED.sex, role=EXCLUDED.role, unit_id=EXCLUDED.unit_id, "
              "duties=EXCLUDED.duties, \"end\"=EXCLUDED.\"end\"",
              p);
          hasher_.add(sqlite::kStaffRecord, sqlite::staff_key(s.id.value, s.start), row.hash());
        }
      },
      pg_refused_write);
}

std::vector<std::string> PgStore::spell_provinces(std::span<const ResidenceSpell> spells) {
  std::vector<int64_t> persons;
  persons.reserve(spells.size());
  for (const ResidenceSpell& s : spells) persons.push_back(s.person.value);
  return provinces_of_rows("persons", persons);
}

Status PgStore::replace_all_residence(std::span<const ResidenceSpell> spells) {
  return step(
      [&] {
        conn_->exec("DELETE FROM residence");
        pg_insert_spells(*conn_, spells, spell_provinces(spells));
        conn_->exec(std::string("UPDATE persons SET lives_in = ") + kPgLivesIn);
      },
      pg_refused_write);
}

Status PgStore::replace_residence_of(std::span<const PersonId> persons, std::span<const ResidenceSpell> spells) {
  return step(
      [&] {
        if (!persons.empty())  // a load's chunk of new spells replaces none
          conn_->query("DELETE FROM residence WHERE person_id = ANY($1::bigint[])",
                       Params().add(pg_id_array(persons)));
        pg_insert_spells(*conn_, spells, spell_provinces(spells));
        // Those whose spells were replaced or written: where they live now.
        std::vector<PersonId> touched(persons.begin(), persons.end());
        for (const ResidenceSpell& s : spells)
          if (touched.empty() || touched.back() != s.person) touched.push_back(s.person);
        // Only the rows whose household changes are written again.
        conn_->query(std::string("UPDATE persons SET lives_in = ") + kPgLivesIn +
                         " WHERE id = ANY($1::bigint[]) AND lives_in IS DISTINCT FROM " + kPgLivesIn,
                     Params().add(pg_id_array(std::span<const PersonId>(touched))));
      },
      pg_refused_write);
}

}  // namespace danso::pg
