// Household, person, event, staff and residence writes of the SQLite adapter.
// Rows are inserted many to a statement (insert_rows) and, for large writes,
// with the table's indexes rebuilt once at the end (BulkIndexes). Each
// register row is hashed as it is bound (store/sqlite/record_hashes.h).
#include "store/sqlite/bulk_indexes.h"
#include "store/sqlite/sqlite_store_impl.h"

#include <set>
#include <string>
#include <vector>

#include "core/person_status.h"
#include "core/text.h"

namespace danso::sqlite {

namespace {

Error constraint_error(const SqliteError& e) {
  return Error{ErrorCode::kAlreadyExists, "", std::string("vi phạm ràng buộc dữ liệu: ") + e.what(),
               std::string("constraint violated: ") + e.what()};
}

// Runs a bulk write, turning constraint failures into a Status.
template <typename Fn>
Status guarded(Db& db, const char* table, size_t rows, Fn write) {
  BulkIndexes bulk(db, table, rows);
  try {
    write();
  } catch (const SqliteError& e) {
    if (e.code() == SQLITE_CONSTRAINT) return constraint_error(e);
    throw;
  }
  return bulk.restore();
}

}  // namespace

Status SqliteStore::upsert_households(std::span<const Household> rows) {
  return guarded(*db_, "households", rows.size(), [&] {
    insert_rows(db_->handle(),
                "INSERT INTO households(id, village_id, address, poverty, social_protection, "
                "ethnic_minority, registered_on) VALUES ",
                7,
                " ON CONFLICT(id) DO UPDATE SET village_id=excluded.village_id, "
                "address=excluded.address, poverty=excluded.poverty, "
                "social_protection=excluded.social_protection, "
                "ethnic_minority=excluded.ethnic_minority, registered_on=excluded.registered_on",
                rows, [this](Stmt& st, int b, const Household& h) {
                  HashingBinder row(st, b);
                  row.integer(h.id.value)
                      .integer(h.village.value)
                      .text(h.address)
                      .text(kPoverty.code(h.poverty))
                      .integer(h.social_protection)
                      .integer(h.ethnic_minority)
                      .date(h.registered_on);
                  hasher_.add(kHouseholdRecord, h.id.value, row.hash());
                });
  });
}

Status SqliteStore::upsert_persons(std::span<const Person> rows) {
  return guarded(*db_, "persons", rows.size(), [&] {
    insert_rows(db_->handle(),
                "INSERT INTO persons(id, household_id, name, sex, birth_date, citizen_id, relation, "
                "ethnicity, marital, residence, registered_on) VALUES ",
                11,
                " ON CONFLICT(id) DO UPDATE SET household_id=excluded.household_id, "
                "name=excluded.name, sex=excluded.sex, birth_date=excluded.birth_date, "
                "citizen_id=excluded.citizen_id, relation=excluded.relation, "
                "ethnicity=excluded.ethnicity, marital=excluded.marital, "
                "residence=excluded.residence, registered_on=excluded.registered_on",
                rows, [this](Stmt& st, int b, const Person& p) {
                  HashingBinder row(st, b);
                  row.integer(p.id.value)
                      .integer(p.household.value)
                      .text(p.name)
                      .text(kSexes.code(p.sex))
                      .date(p.birth_date)
                      .text_or_null(p.citizen_id)
                      .text(kRelations.code(p.relation))
                      .text(p.ethnicity)
                      .text(kMaritalStatuses.code(p.marital))
                      .text(kResidenceStatuses.code(p.residence))
                      .date(p.registered_on);
                  hasher_.add(kPersonRecord, p.id.value, row.hash());
                });
    // The index of folded names follows each written name (migration 14),
    // and the words of the names are kept (migration 22).
    std::vector<std::string> folded;
    folded.reserve(rows.size());
    std::set<std::string_view> words;
    for (const Person& p : rows) folded.push_back(fold_for_search(p.name));
    for (const std::string& f : folded)
      for (std::string_view w : search_words(f)) words.insert(w);
    insert_rows(db_->handle(), "INSERT OR REPLACE INTO person_names(rowid, folded) VALUES ", 2, "", rows,
                [&](Stmt& st, int b, const Person& p) {
                  st.bind(b, p.id.value).bind(b + 1, folded[size_t(&p - rows.data())]);
                });
    Stmt word(db_->handle(), "INSERT OR IGNORE INTO name_words(word) VALUES (?)");
    for (std::string_view w : words) word.bind(1, w).exec();
  });
}

Status SqliteStore::upsert_events(std::span<const VitalEvent> rows) {
  for (const VitalEvent& e : rows)
    if (status_reads(e.type)) {
      note_statuses_written();
      break;
    }
  return guarded(*db_, "events", rows.size(), [&] {
    insert_rows(
        db_->handle(),
        "INSERT INTO events(id, type, date, village_id, person_id, related_id, household_id, "
        "birth_order, method, conditions, child_marriage, consanguineous, outcome, counterpart, "
        "place, recorded_by, recorded_on, spouse_name, spouse_birth_year, spouse_address, "
        "spouse_nationality) VALUES ",
        21,
        " ON CONFLICT(id) DO UPDATE SET type=excluded.type, date=excluded.date, "
        "village_id=excluded.village_id, person_id=excluded.person_id, "
        "related_id=excluded.related_id, household_id=excluded.household_id, "
        "birth_order=excluded.birth_order, method=excluded.method, "
        "conditions=excluded.conditions, child_marriage=excluded.child_marriage, "
        "consanguineous=excluded.consanguineous, outcome=excluded.outcome, "
        "counterpart=excluded.counterpart, place=excluded.place, "
        "recorded_by=excluded.recorded_by, recorded_on=excluded.recorded_on, "
        "spouse_name=excluded.spouse_name, spouse_birth_year=excluded.spouse_birth_year, "
        "spouse_address=excluded.spouse_address, spouse_nationality=excluded.spouse_nationality",
        rows, [this](Stmt& st, int b, const VitalEvent& e) {
          HashingBinder row(st, b);
          row.integer(e.id.value)
              .text(kEventTypes.code(e.type))
              .date(e.date)
              .integer(e.village.value)
              .integer(e.person.value)
              .id(e.related.value)
              .id(e.household.value)
              .positive(e.birth_order);
          if (e.method) row.text(kContraceptiveMethods.code(*e.method)); else row.null();
          row.positive(e.conditions).integer(e.child_marriage).integer(e.consanguineous);
          if (e.outcome) row.text(kPregnancyOutcomes.code(*e.outcome)); else row.null();
          row.text_or_null(e.counterpart).text_or_null(e.place).id(e.recorded_by.value).date(e.recorded_on);
          // The spouse outside the register: hashed only when named (record_hashes.cpp).
          if (e.spouse_outside())
            row.text(e.spouse_name).positive(e.spouse_birth_year).text_or_null(e.spouse_address).text_or_null(
                e.spouse_nationality);
          else
            row.unhashed_null().unhashed_null().unhashed_null().unhashed_null();
          hasher_.add(kEventRecord, e.id.value, row.hash());
        });
  });
}

Status SqliteStore::delete_events(std::span<const EventId> ids) {
  return guarded(*db_, "events", ids.size(), [&] {
    Stmt del(db_->handle(), "DELETE FROM events WHERE id = ?");
    for (EventId id : ids) {
      del.bind(1, id.value).exec();
      hasher_.add(kEventRecord, id.value, kRemovedRecord);
      note_removed_id("events", id.value);
    }
  });
}

Status SqliteStore::delete_persons(std::span<const PersonId> ids) {
  return guarded(*db_, "persons", ids.size(), [&] {
    Stmt spells(db_->handle(), "DELETE FROM residence WHERE person_id = ?");
    Stmt name(db_->handle(), "DELETE FROM person_names WHERE rowid = ?");
    Stmt del(db_->handle(), "DELETE FROM persons WHERE id = ?");
    for (PersonId id : ids) {
      spells.bind(1, id.value).exec();
      name.bind(1, id.value).exec();
      del.bind(1, id.value).exec();
      hasher_.add(kPersonRecord, id.value, kRemovedRecord);
      note_removed_id("persons", id.value);
    }
  });
}

void SqliteStore::note_removed_id(const char* table, int64_t id) {
  Stmt st(db_->handle(), "INSERT INTO removed_ids(tbl, high) VALUES (?1, ?2) ON CONFLICT(tbl) DO UPDATE SET "
                         "high = MAX(high, excluded.high)");
  st.bind(1, table).bind(2, id).exec();
}

std::vector<std::pair<PersonId, PersonId>> SqliteStore::dismissed_duplicates() {
  Stmt st(db_->handle(), "SELECT person_a, person_b FROM duplicate_dismissals ORDER BY person_a, person_b");
  std::vector<std::pair<PersonId, PersonId>> out;
  while (st.step()) out.emplace_back(PersonId(st.i64(0)), PersonId(st.i64(1)));
  return out;
}

Status SqliteStore::dismiss_duplicate(PersonId a, PersonId b, std::string_view by, std::string_view at,
                                      std::string_view note) {
  return guarded(*db_, "duplicate_dismissals", 1, [&] {
    Stmt st(db_->handle(),
            "INSERT OR IGNORE INTO duplicate_dismissals(person_a, person_b, dismissed_by, dismissed_at, note)"
            " VALUES (?,?,?,?,?)");
    st.bind(1, std::min(a.value, b.value)).bind(2, std::max(a.value, b.value)).bind(3, by).bind(4, at).bind(5, note);
    st.exec();
  });
}

Status SqliteStore::upsert_staff(std::span<const StaffAssignment> rows) {
  return guarded(*db_, "staff_assignments", rows.size(), [&] {
    Stmt st(db_->handle(),
            "INSERT INTO staff_assignments(staff_id, name, sex, role, unit_id, duties, start, end) "
            "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(staff_id, start) DO UPDATE SET "
            "name=excluded.name, sex=excluded.sex, role=excluded.role, unit_id=excluded.unit_id, "
            "duties=excluded.duties, end=excluded.end");
    for (const auto& s : rows) {
      const std::string duties = format_duties(s.duties);
      HashingBinder row(st, 1);
      row.integer(s.id.value)
          .text(s.name)
          .text(kSexes.code(s.sex))
          .text(kStaffRoles.code(s.role))
          .integer(s.unit.value)
          .text(duties)
          .date(s.start)
          .date_or_null(s.end);
      st.exec();
      hasher_.add(kStaffRecord, staff_key(s.id.value, s.start), row.hash());
    }
  });
}

Status SqliteStore::insert_spells(std::span<const ResidenceSpell> spells) {
  return guarded(*db_, "residence", spells.size(), [&] {
    insert_rows(db_->handle(),
                "INSERT INTO residence(person_id, start, household_id, village_id, end) VALUES ", 5, "",
                spells, [](Stmt& st, int b, const ResidenceSpell& s) {
                  st.bind(b, s.person.value)
                      .bind(b + 1, s.start)
                      .bind(b + 2, s.household.value)
                      .bind(b + 3, s.village.value)
                      .bind_opt(b + 4, s.end);
                });
  });
}

Status SqliteStore::write_deferring_indexes(const std::vector<StoredTable>& tables,
                                            const std::function<Status()>& write) {
  std::vector<BulkIndexes> deferred;
  for (StoredTable t : tables) deferred.push_back(BulkIndexes::always(*db_, table_name(t)));
  if (auto st = write(); !st) return st;
  for (auto& d : deferred)
    if (auto st = d.restore(); !st) return st;
  return {};
}

// persons.lives_in follows the spells: the household of each person's last
// spell (migration 7).
constexpr const char* kLivesIn =
    "(SELECT r.household_id FROM residence r WHERE r.person_id = persons.id ORDER BY r.start DESC LIMIT 1)";

Status SqliteStore::replace_all_residence(std::span<const ResidenceSpell> spells) {
  db_->exec("DELETE FROM residence");
  if (auto st = insert_spells(spells); !st) return st;
  db_->exec(std::string("UPDATE persons SET lives_in = ") + kLivesIn);
  return {};
}

Status SqliteStore::replace_residence_of(std::span<const PersonId> persons,
                                         std::span<const ResidenceSpell> spells) {
  Stmt del(db_->handle(), "DELETE FROM residence WHERE person_id = ?");
  for (PersonId p : persons) del.bind(1, p.value).exec();
  if (auto st = insert_spells(spells); !st) return st;
  // Those whose spells were replaced or written: where they live now.
  std::vector<PersonId> touched(persons.begin(), persons.end());
  for (const ResidenceSpell& s : spells)
    if (touched.empty() || touched.back() != s.person) touched.push_back(s.person);
  Stmt live(db_->handle(), std::string("UPDATE persons SET lives_in = ") + kLivesIn +
                               " WHERE id IN (SELECT value FROM json_each(?1))");
  live.bind(1, id_array(std::span<const PersonId>(touched))).exec();
  return {};
}

}  // namespace danso::sqlite
