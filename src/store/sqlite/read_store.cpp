// Streaming reads and counts of the SQLite adapter.
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

// Rows of the persons and events queries (columns in the order of
// for_each_person and for_each_event) to records.
Person read_person(const Stmt& st) {
  Person p;
  p.id = PersonId(st.i64(0));
  p.household = HouseholdId(st.i64(1));
  p.name = st.text(2);
  p.sex = st.text(3) == "F" ? Sex::kFemale : Sex::kMale;
  p.birth_date = st.date(4);
  p.citizen_id = st.text(5);
  p.relation = kRelations.find(st.text(6)).value_or(Relation::kOther);
  p.ethnicity = st.text(7);
  p.marital = kMaritalStatuses.find(st.text(8)).value_or(MaritalStatus::kSingle);
  p.residence = kResidenceStatuses.find(st.text(9)).value_or(ResidenceStatus::kPermanent);
  p.registered_on = st.date(10);
  return p;
}

VitalEvent read_event(const Stmt& st) {
  VitalEvent e;
  e.id = EventId(st.i64(0));
  e.type = kEventTypes.find(st.text(1)).value_or(EventType::kBirth);
  e.date = st.date(2);
  e.village = UnitId(st.i64(3));
  e.village_code = st.text(4);
  e.person = PersonId(st.i64(5));
  e.related = PersonId(st.i64(6));
  e.household = HouseholdId(st.i64(7));
  e.birth_order = st.i32(8);
  if (!st.is_null(9)) e.method = kContraceptiveMethods.find(st.text(9));
  e.conditions = st.i32(10);
  e.child_marriage = st.i64(11) != 0;
  e.consanguineous = st.i64(12) != 0;
  if (!st.is_null(13)) e.outcome = kPregnancyOutcomes.find(st.text(13));
  e.counterpart = st.text(14);
  e.place = st.text(15);
  e.recorded_by = StaffId(st.i64(16));
  if (!st.is_null(17)) e.recorded_on = st.date(17);
  e.spouse_name = st.text(18);
  e.spouse_birth_year = st.i32(19);
  e.spouse_address = st.text(20);
  e.spouse_nationality = st.text(21);
  return e;
}

void SqliteStore::for_each_household(const std::function<void(const Household&)>& fn) {
  Stmt st(db_->handle(),
          "SELECT h.id, h.village_id, u.code, h.address, h.poverty, h.social_protection, "
          "h.ethnic_minority, h.registered_on FROM households h JOIN units u ON u.id = "
          "h.village_id ORDER BY h.id");
  Household h;
  while (st.step()) {
    h.id = HouseholdId(st.i64(0));
    h.village = UnitId(st.i64(1));
    h.village_code = st.text(2);
    h.address = st.text(3);
    h.poverty = kPoverty.find(st.text(4)).value_or(Poverty::kNone);
    h.social_protection = st.i64(5) != 0;
    h.ethnic_minority = st.i64(6) != 0;
    h.registered_on = st.date(7);
    fn(h);
  }
}

void SqliteStore::for_each_person(const std::function<void(const Person&)>& fn) {
  Stmt st(db_->handle(),
          "SELECT id, household_id, name, sex, birth_date, citizen_id, relation, ethnicity, "
          "marital, residence, registered_on FROM persons ORDER BY id");
  while (st.step()) fn(read_person(st));
}

namespace {

constexpr const char* kPersonFactsColumns =
    "SELECT id, household_id, sex, birth_date, registered_on, marital, residence FROM persons";

PersonFacts read_person_facts(const Stmt& st) {
  PersonFacts p;
  p.id = PersonId(st.i64(0));
  p.household = HouseholdId(st.i64(1));
  p.sex = st.text(2) == "F" ? Sex::kFemale : Sex::kMale;
  p.birth_date = st.date(3);
  p.registered_on = st.date(4);
  p.marital = kMaritalStatuses.find(st.text(5)).value_or(MaritalStatus::kSingle);
  p.residence = kResidenceStatuses.find(st.text(6)).value_or(ResidenceStatus::kPermanent);
  return p;
}

constexpr const char* kEventFactsColumns =
    "SELECT id, type, date, village_id, person_id, related_id, household_id, birth_order, "
    "method, conditions, child_marriage, consanguineous, counterpart FROM events";

}  // namespace

void SqliteStore::for_each_person_facts(const std::function<void(const PersonFacts&)>& fn) {
  Stmt st(db_->handle(), std::string(kPersonFactsColumns) + " ORDER BY id");
  while (st.step()) fn(read_person_facts(st));
}

std::vector<PersonFacts> SqliteStore::person_facts_of(std::span<const PersonId> ids) {
  std::vector<PersonFacts> out;
  if (ids.empty()) return out;
  Stmt st(db_->handle(), std::string(kPersonFactsColumns) + " WHERE id" + kInIds + " ORDER BY id");
  st.bind(1, id_array(ids));
  while (st.step()) out.push_back(read_person_facts(st));
  return out;
}

void SqliteStore::for_each_event(const std::function<void(const VitalEvent&)>& fn) {
  Stmt st(db_->handle(),
          "SELECT e.id, e.type, e.date, e.village_id, u.code, e.person_id, e.related_id, "
          "e.household_id, e.birth_order, e.method, e.conditions, e.child_marriage, "
          "e.consanguineous, e.outcome, e.counterpart, e.place, e.recorded_by, e.recorded_on, "
          "e.spouse_name, e.spouse_birth_year, e.spouse_address, e.spouse_nationality "
          "FROM events e JOIN units u ON u.id = e.village_id ORDER BY e.id");
  while (st.step()) fn(read_event(st));
}

void SqliteStore::for_each_staff(const std::function<void(const StaffAssignment&)>& fn) {
  Stmt st(db_->handle(), std::string("SELECT ") + kStaffColumns +
                             " FROM staff_assignments s JOIN units u ON u.id = s.unit_id ORDER BY s.staff_id, s.start");
  while (st.step()) fn(read_staff(st));
}

std::vector<VillageCount> SqliteStore::households_by_village(Date at) {
  std::vector<VillageCount> out;
  Stmt st(db_->handle(),
          "SELECT village_id, COUNT(*) FROM households WHERE registered_on <= ? GROUP BY "
          "village_id");
  st.bind(1, at);
  while (st.step()) out.push_back({UnitId(st.i64(0)), st.i64(1)});
  return out;
}

std::vector<VillageCount> SqliteStore::residents_by_village(Date at) {
  std::vector<VillageCount> out;
  Stmt st(db_->handle(),
          "SELECT village_id, COUNT(*) FROM residence WHERE start <= ?1 AND (end IS NULL OR end > "
          "?1) GROUP BY village_id");
  st.bind(1, at);
  while (st.step()) out.push_back({UnitId(st.i64(0)), st.i64(1)});
  return out;
}

std::vector<EventCount> SqliteStore::events_by_village_type_year(Date at) {
  std::vector<EventCount> out;
  Stmt st(db_->handle(),
          "SELECT village_id, type, CAST(substr(date, 1, 4) AS INTEGER), COUNT(*) FROM events "
          "WHERE date <= ? GROUP BY 1, 2, 3");
  st.bind(1, at);
  while (st.step()) {
    auto type = kEventTypes.find(st.text(1));
    if (!type) continue;
    out.push_back({UnitId(st.i64(0)), *type, st.i32(2), st.i64(3)});
  }
  return out;
}

}  // namespace danso::sqlite

namespace danso::sqlite {

namespace {

EventFacts read_event_facts(const Stmt& st) {
  EventFacts e;
  e.id = EventId(st.i64(0));
  e.type = kEventTypes.find(st.text(1)).value_or(EventType::kBirth);
  e.date = st.date(2);
  e.village = UnitId(st.i64(3));
  e.person = PersonId(st.i64(4));
  e.related = PersonId(st.i64(5));
  e.household = HouseholdId(st.i64(6));
  e.birth_order = st.i32(7);
  e.method = st.is_null(8) ? std::nullopt : kContraceptiveMethods.find(st.text(8));
  e.conditions = st.i32(9);
  e.child_marriage = st.i64(10) != 0;
  e.consanguineous = st.i64(11) != 0;
  if (e.type == EventType::kMoveIn || e.type == EventType::kMoveOut) e.counterpart = st.text(12);
  return e;
}

}  // namespace

void SqliteStore::for_each_event_facts(const std::function<void(const EventFacts&)>& fn) {
  Stmt st(db_->handle(), std::string(kEventFactsColumns) + " ORDER BY id");
  while (st.step()) fn(read_event_facts(st));
}

std::vector<EventFacts> SqliteStore::event_facts_naming(std::span<const PersonId> persons) {
  std::vector<EventFacts> out;
  if (persons.empty()) return out;
  Stmt st(db_->handle(), std::string(kEventFactsColumns) + " WHERE person_id" + kInIds + " OR related_id" + kInIds +
                             " ORDER BY id");
  st.bind(1, id_array(persons));
  while (st.step()) out.push_back(read_event_facts(st));
  return out;
}

// The person's side from events_person_kind_day (person, kind, day): the
// kinds and the one kind on its day are each a range of it, so a person's
// other slips are never read; the related person's side (a mother's
// births, a spouse's marriages: few) from events_related. Each index is
// named: by its statistics the planner would rather read every event of
// those kinds, and weighing events_type_date for the bound kind would
// compile the statement again for every slip.
std::vector<EventFacts> SqliteStore::event_facts_for_slip(std::span<const PersonId> persons,
                                                          std::span<const EventType> kinds, EventType type, Date date) {
  std::vector<EventFacts> out;
  if (persons.empty()) return out;
  std::string in_kinds = " IN (";  // the codes are the enum's own, never a caller's text
  for (size_t i = 0; i < kinds.size(); ++i) (in_kinds += i ? ",'" : "'") += std::string(kEventTypes.code(kinds[i])) + "'";
  in_kinds += kinds.empty() ? "NULL)" : ")";
  Stmt st(db_->handle(), std::string(kEventFactsColumns) +
                             " WHERE id IN (SELECT id FROM events INDEXED BY events_person_kind_day WHERE person_id" +
                             kInIds + " AND type" + in_kinds +
                             " UNION SELECT id FROM events INDEXED BY events_person_kind_day WHERE person_id" + kInIds +
                             " AND type = ?2 AND date = ?3 UNION SELECT id FROM events INDEXED BY events_related WHERE related_id" +
                             kInIds +
                             " AND (type" + in_kinds + " OR (type = ?2 AND date = ?3))) ORDER BY id");
  st.bind(1, id_array(persons));
  st.bind(2, std::string_view(kEventTypes.code(type)));
  st.bind(3, date);
  while (st.step()) out.push_back(read_event_facts(st));
  return out;
}

void SqliteStore::for_each_citizen_id(
    const std::function<void(PersonId, std::string_view)>& fn) {
  Stmt st(db_->handle(), "SELECT id, citizen_id FROM persons WHERE citizen_id IS NOT NULL");
  while (st.step()) fn(PersonId(st.i64(0)), st.text(1));
}

std::vector<StaffId> SqliteStore::staff_ids() {
  std::vector<StaffId> out;
  Stmt st(db_->handle(), "SELECT DISTINCT staff_id FROM staff_assignments ORDER BY staff_id");
  while (st.step()) out.push_back(StaffId(st.i64(0)));
  return out;
}

}  // namespace danso::sqlite

namespace danso::sqlite {

void SqliteStore::for_each_spell(const std::function<void(const ResidenceSpell&)>& fn) {
  Stmt st(db_->handle(), "SELECT person_id, start, household_id, village_id, end FROM residence ORDER BY person_id, start");
  ResidenceSpell s;
  while (st.step()) {
    s.person = PersonId(st.i64(0));
    s.start = st.date(1);
    s.household = HouseholdId(st.i64(2));
    s.village = UnitId(st.i64(3));
    s.end = st.opt_date(4);
    fn(s);
  }
}

}  // namespace danso::sqlite
