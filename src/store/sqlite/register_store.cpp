// Household, person, event, staff and residence writes of the SQLite adapter.
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

namespace {
Error constraint_error(const SqliteError& e) {
  return Error{ErrorCode::kAlreadyExists, "", std::string("vi phạm ràng buộc dữ liệu: ") + e.what(),
               std::string("constraint violated: ") + e.what()};
}
}  // namespace

Status SqliteStore::upsert_households(std::span<const Household> rows) {
  Stmt st(db_->handle(),
          "INSERT INTO households(id, village_id, address, poverty, social_protection, "
          "ethnic_minority, registered_on) VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
          "village_id=excluded.village_id, address=excluded.address, poverty=excluded.poverty, "
          "social_protection=excluded.social_protection, ethnic_minority=excluded.ethnic_minority, "
          "registered_on=excluded.registered_on");
  try {
    for (const auto& h : rows)
      st.bind(1, h.id.value)
          .bind(2, h.village.value)
          .bind(3, h.address)
          .bind(4, kPoverty.code(h.poverty))
          .bind(5, h.social_protection)
          .bind(6, h.ethnic_minority)
          .bind(7, h.registered_on)
          .exec();
  } catch (const SqliteError& e) {
    if (e.code() == SQLITE_CONSTRAINT) return constraint_error(e);
    throw;
  }
  return {};
}

Status SqliteStore::upsert_persons(std::span<const Person> rows) {
  Stmt st(db_->handle(),
          "INSERT INTO persons(id, household_id, name, sex, birth_date, citizen_id, relation, "
          "ethnicity, marital, residence, registered_on) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
          "ON CONFLICT(id) DO UPDATE SET household_id=excluded.household_id, "
          "name=excluded.name, sex=excluded.sex, birth_date=excluded.birth_date, "
          "citizen_id=excluded.citizen_id, relation=excluded.relation, "
          "ethnicity=excluded.ethnicity, marital=excluded.marital, "
          "residence=excluded.residence, registered_on=excluded.registered_on");
  try {
    for (const auto& p : rows)
      st.bind(1, p.id.value)
          .bind(2, p.household.value)
          .bind(3, p.name)
          .bind(4, kSexes.code(p.sex))
          .bind(5, p.birth_date)
          .bind_text_or_null(6, p.citizen_id)
          .bind(7, kRelations.code(p.relation))
          .bind(8, p.ethnicity)
          .bind(9, kMaritalStatuses.code(p.marital))
          .bind(10, kResidenceStatuses.code(p.residence))
          .bind(11, p.registered_on)
          .exec();
  } catch (const SqliteError& e) {
    if (e.code() == SQLITE_CONSTRAINT) return constraint_error(e);
    throw;
  }
  return {};
}

Status SqliteStore::upsert_events(std::span<const VitalEvent> rows) {
  Stmt st(db_->handle(),
          "INSERT INTO events(id, type, date, village_id, person_id, related_id, household_id, "
          "birth_order, method, conditions, child_marriage, consanguineous, outcome, counterpart, "
          "place, recorded_by, recorded_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
          "ON CONFLICT(id) DO UPDATE SET type=excluded.type, date=excluded.date, "
          "village_id=excluded.village_id, person_id=excluded.person_id, "
          "related_id=excluded.related_id, household_id=excluded.household_id, "
          "birth_order=excluded.birth_order, method=excluded.method, "
          "conditions=excluded.conditions, child_marriage=excluded.child_marriage, "
          "consanguineous=excluded.consanguineous, outcome=excluded.outcome, "
          "counterpart=excluded.counterpart, place=excluded.place, "
          "recorded_by=excluded.recorded_by, recorded_on=excluded.recorded_on");
  try {
    for (const auto& e : rows) {
      st.bind(1, e.id.value)
          .bind(2, kEventTypes.code(e.type))
          .bind(3, e.date)
          .bind(4, e.village.value)
          .bind(5, e.person.value)
          .bind_id(6, e.related.value)
          .bind_id(7, e.household.value);
      if (e.birth_order > 0) st.bind(8, e.birth_order); else st.bind_null(8);
      if (e.method) st.bind(9, kContraceptiveMethods.code(*e.method)); else st.bind_null(9);
      if (e.conditions > 0) st.bind(10, e.conditions); else st.bind_null(10);
      st.bind(11, e.child_marriage).bind(12, e.consanguineous);
      if (e.outcome) st.bind(13, kPregnancyOutcomes.code(*e.outcome)); else st.bind_null(13);
      st.bind_text_or_null(14, e.counterpart)
          .bind_text_or_null(15, e.place)
          .bind_id(16, e.recorded_by.value)
          .bind(17, e.recorded_on)
          .exec();
    }
  } catch (const SqliteError& e) {
    if (e.code() == SQLITE_CONSTRAINT) return constraint_error(e);
    throw;
  }
  return {};
}

Status SqliteStore::upsert_staff(std::span<const StaffAssignment> rows) {
  Stmt st(db_->handle(),
          "INSERT INTO staff_assignments(staff_id, name, sex, role, unit_id, duties, start, end) "
          "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(staff_id, start) DO UPDATE SET "
          "name=excluded.name, sex=excluded.sex, role=excluded.role, unit_id=excluded.unit_id, "
          "duties=excluded.duties, end=excluded.end");
  try {
    for (const auto& s : rows)
      st.bind(1, s.id.value)
          .bind(2, s.name)
          .bind(3, kSexes.code(s.sex))
          .bind(4, kStaffRoles.code(s.role))
          .bind(5, s.unit.value)
          .bind(6, format_duties(s.duties))
          .bind(7, s.start)
          .bind_opt(8, s.end)
          .exec();
  } catch (const SqliteError& e) {
    if (e.code() == SQLITE_CONSTRAINT) return constraint_error(e);
    throw;
  }
  return {};
}

Status SqliteStore::insert_spells(std::span<const ResidenceSpell> spells) {
  Stmt st(db_->handle(),
          "INSERT INTO residence(person_id, household_id, village_id, start, end) "
          "VALUES (?,?,?,?,?)");
  for (const auto& s : spells)
    st.bind(1, s.person.value)
        .bind(2, s.household.value)
        .bind(3, s.village.value)
        .bind(4, s.start)
        .bind_opt(5, s.end)
        .exec();
  return {};
}

Status SqliteStore::replace_all_residence(std::span<const ResidenceSpell> spells) {
  db_->exec("DELETE FROM residence");
  return insert_spells(spells);
}

Status SqliteStore::replace_residence_of(std::span<const PersonId> persons,
                                         std::span<const ResidenceSpell> spells) {
  Stmt del(db_->handle(), "DELETE FROM residence WHERE person_id = ?");
  for (PersonId p : persons) del.bind(1, p.value).exec();
  return insert_spells(spells);
}

}  // namespace danso::sqlite
