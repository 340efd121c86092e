// Streaming reads and counts of the PostgreSQL adapter.
#include "store/postgres/pg_store_impl.h"

#include <exception>
#include <thread>

namespace danso::pg {

// Rows of the persons and events queries (columns in the order of
// for_each_person and for_each_event) to records.
Person pg_read_person(const PgRow& st) {
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

VitalEvent pg_read_event(const PgRow& st) {
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
  e.child_marriage = st.boolean(11);
  e.consanguineous = st.boolean(12);
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

StaffAssignment pg_read_staff(const PgRow& st) {
  StaffAssignment s;
  s.id = StaffId(st.i64(0));
  s.name = st.text(1);
  s.sex = st.text(2) == "F" ? Sex::kFemale : Sex::kMale;
  s.role = kStaffRoles.find(st.text(3)).value_or(StaffRole::kCollaborator);
  s.unit = UnitId(st.i64(4));
  s.unit_code = st.text(5);
  if (auto d = parse_duties(st.text(6), "duties")) s.duties = *d;
  s.start = st.date(7);
  s.end = st.opt_date(8);
  return s;
}

Household pg_read_household(const PgRow& st) {
  Household h;
  h.id = HouseholdId(st.i64(0));
  h.village = UnitId(st.i64(1));
  h.village_code = st.text(2);
  h.address = st.text(3);
  h.poverty = kPoverty.find(st.text(4)).value_or(Poverty::kNone);
  h.social_protection = st.boolean(5);
  h.ethnic_minority = st.boolean(6);
  h.registered_on = st.date(7);
  return h;
}

void PgStore::for_each_household(const std::function<void(const Household&)>& fn) {
  conn_->stream(std::string("SELECT ") + kPgHouseholdColumns +
                    " FROM households h JOIN units u ON u.id = h.village_id ORDER BY h.id",
                {}, [&](const PgRow& r) { fn(pg_read_household(r)); });
}

void PgStore::for_each_person(const std::function<void(const Person&)>& fn) {
  conn_->stream(std::string("SELECT ") + kPgPersonColumns + " FROM persons ORDER BY id", {},
                [&](const PgRow& r) { fn(pg_read_person(r)); });
}

namespace {

constexpr const char* kPgPersonFactsColumns =
    "SELECT id, household_id, sex, birth_date, registered_on, marital, residence FROM persons";

// A row of the query or of its binary COPY (PgRow or PgBinaryRow).
template <typename Row>
PersonFacts pg_read_person_facts(const Row& st) {
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

constexpr const char* kPgEventFactsColumns =
    "SELECT id, type, date, village_id, person_id, related_id, household_id, birth_order, "
    "method, conditions, child_marriage, consanguineous, counterpart FROM events";

template <typename Row>
EventFacts pg_read_event_facts(const Row& st) {
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
  e.child_marriage = st.boolean(10);
  e.consanguineous = st.boolean(11);
  if (e.type == EventType::kMoveIn || e.type == EventType::kMoveOut) e.counterpart = st.text(12);
  return e;
}

constexpr const char* kPgSpellColumns = "SELECT person_id, start, household_id, village_id, \"end\" FROM residence";

template <typename Row>
ResidenceSpell pg_read_spell(const Row& r) {
  ResidenceSpell s;
  s.person = PersonId(r.i64(0));
  s.start = r.date(1);
  s.household = HouseholdId(r.i64(2));
  s.village = UnitId(r.i64(3));
  s.end = r.opt_date(4);
  return s;
}

// A query's rows in COPY's binary format: whole tables read for the
// indicators' snapshot in one statement each, with nothing to parse.
std::string pg_binary_copy(std::string_view select) {
  return "COPY (" + std::string(select) + ") TO STDOUT (FORMAT binary)";
}

}  // namespace

void PgStore::for_each_person_facts(const std::function<void(const PersonFacts&)>& fn) {
  conn_->copy_out(pg_binary_copy(std::string(kPgPersonFactsColumns) + " ORDER BY id"),
                  [&](const PgBinaryRow& r) { fn(pg_read_person_facts(r)); });
}

std::vector<PersonFacts> PgStore::person_facts_of(std::span<const PersonId> ids) {
  std::vector<PersonFacts> out;
  if (ids.empty()) return out;
  PgResult r = conn_->query(std::string(kPgPersonFactsColumns) + " WHERE id = ANY($1::bigint[]) ORDER BY id",
                            Params().add(pg_id_array(ids)));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_person_facts(PgRow{r, i}));
  return out;
}

void PgStore::for_each_event(const std::function<void(const VitalEvent&)>& fn) {
  conn_->stream(std::string("SELECT ") + kPgEventColumns + " FROM events e JOIN units u ON u.id = e.village_id ORDER BY e.id",
                {}, [&](const PgRow& r) { fn(pg_read_event(r)); });
}

void PgStore::for_each_staff(const std::function<void(const StaffAssignment&)>& fn) {
  conn_->stream(std::string("SELECT ") + kPgStaffColumns +
                    " FROM staff_assignments s JOIN units u ON u.id = s.unit_id ORDER BY s.staff_id, s.start",
                {}, [&](const PgRow& r) { fn(pg_read_staff(r)); });
}

std::vector<VillageCount> PgStore::households_by_village(Date at) {
  std::vector<VillageCount> out;
  PgResult r = conn_->query("SELECT village_id, COUNT(*) FROM households WHERE registered_on <= $1 GROUP BY village_id",
                            Params().add(at));
  for (int i = 0; i < r.rows(); ++i) out.push_back({UnitId(r.i64(i, 0)), r.i64(i, 1)});
  return out;
}

std::vector<VillageCount> PgStore::residents_by_village(Date at) {
  std::vector<VillageCount> out;
  PgResult r = conn_->query(
      "SELECT village_id, COUNT(*) FROM residence WHERE start <= $1 AND (\"end\" IS NULL OR \"end\" > $1) "
      "GROUP BY village_id",
      Params().add(at));
  for (int i = 0; i < r.rows(); ++i) out.push_back({UnitId(r.i64(i, 0)), r.i64(i, 1)});
  return out;
}

std::vector<EventCount> PgStore::events_by_village_type_year(Date at) {
  std::vector<EventCount> out;
  PgResult r = conn_->query(
      "SELECT village_id, type, EXTRACT(YEAR FROM date)::integer, COUNT(*) FROM events "
      "WHERE date <= $1 GROUP BY 1, 2, 3",
      Params().add(at));
  for (int i = 0; i < r.rows(); ++i) {
    auto type = kEventTypes.find(r.text(i, 1));
    if (!type) continue;
    out.push_back({UnitId(r.i64(i, 0)), *type, r.i32(i, 2), r.i64(i, 3)});
  }
  return out;
}

void PgStore::for_each_event_facts(const std::function<void(const EventFacts&)>& fn) {
  read_event_facts(*conn_, fn);
}

void PgStore::read_event_facts(PgConn& conn, const std::function<void(const EventFacts&)>& fn) {
  conn.copy_out(pg_binary_copy(std::string(kPgEventFactsColumns) + " ORDER BY id"),
                [&](const PgBinaryRow& r) { fn(pg_read_event_facts(r)); });
}

std::vector<EventFacts> PgStore::event_facts_naming(std::span<const PersonId> persons) {
  std::vector<EventFacts> out;
  if (persons.empty()) return out;
  PgResult r = conn_->query(std::string(kPgEventFactsColumns) +
                                " WHERE person_id = ANY($1::bigint[]) OR related_id = ANY($1::bigint[]) ORDER BY id",
                            Params().add(pg_id_array(persons)));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_event_facts(PgRow{r, i}));
  return out;
}

// The person's side from events_person_kind_day, as in SQLite; the kinds
// as an array of the enum's codes.
std::vector<EventFacts> PgStore::event_facts_for_slip(std::span<const PersonId> persons,
                                                      std::span<const EventType> kinds, EventType type, Date date) {
  std::vector<EventFacts> out;
  if (persons.empty()) return out;
  std::string codes = "{";
  for (size_t i = 0; i < kinds.size(); ++i) (codes += i ? "," : "") += kEventTypes.code(kinds[i]);
  codes += "}";
  PgResult r = conn_->query(
      std::string(kPgEventFactsColumns) +
          " WHERE id IN (SELECT id FROM events WHERE person_id = ANY($1::bigint[]) AND type = ANY($2::text[])"
          " UNION SELECT id FROM events WHERE person_id = ANY($1::bigint[]) AND type = $3 AND date = $4::date"
          " UNION SELECT id FROM events WHERE related_id = ANY($1::bigint[])"
          " AND (type = ANY($2::text[]) OR (type = $3 AND date = $4::date))) ORDER BY id",
      Params().add(pg_id_array(persons)).add(codes).add(kEventTypes.code(type)).add(date));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg_read_event_facts(PgRow{r, i}));
  return out;
}

void PgStore::for_each_citizen_id(const std::function<void(PersonId, std::string_view)>& fn) {
  conn_->stream("SELECT id, citizen_id FROM persons WHERE citizen_id IS NOT NULL", {},
                [&](const PgRow& r) { fn(PersonId(r.i64(0)), r.text(1)); });
}

std::vector<StaffId> PgStore::staff_ids() {
  std::vector<StaffId> out;
  PgResult r = conn_->query("SELECT DISTINCT staff_id FROM staff_assignments ORDER BY staff_id");
  for (int i = 0; i < r.rows(); ++i) out.push_back(StaffId(r.i64(i, 0)));
  return out;
}

void PgStore::for_each_spell(const std::function<void(const ResidenceSpell&)>& fn) {
  conn_->copy_out(pg_binary_copy(std::string(kPgSpellColumns) + " ORDER BY person_id, start"),
                  [&](const PgBinaryRow& r) { fn(pg_read_spell(r)); });
}

void PgStore::for_each_spell_and_event_facts(const std::function<void(const ResidenceSpell&)>& spell_fn,
                                             const std::function<void(const EventFacts&)>& event_fn) {
  std::unique_ptr<PgConn> other = reader_of_this_snapshot();
  if (!other) {
    for_each_spell(spell_fn);
    for_each_event_facts(event_fn);
    return;
  }
  // The events on the other connection, the spells on this one, at once.
  std::exception_ptr events_failed, spells_failed;
  std::thread events([&] {
    try {
      read_event_facts(*other, event_fn);
    } catch (...) {
      events_failed = std::current_exception();
    }
  });
  try {
    for_each_spell(spell_fn);
  } catch (...) {
    spells_failed = std::current_exception();
  }
  events.join();
  if (spells_failed) std::rethrow_exception(spells_failed);
  if (events_failed) std::rethrow_exception(events_failed);
  other->exec("COMMIT");
}

std::unique_ptr<PgConn> PgStore::reader_of_this_snapshot() {
  // Only read_consistently's own transaction (REPEATABLE READ: one snapshot
  // for all its statements) has a view another connection can share. A
  // standby or a distributed database (Citus, whose nodes each have their own
  // snapshots) is read on this connection alone.
  if (!own_read_) return nullptr;
  if (!conn_->query("SELECT NOT pg_is_in_recovery() AND NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')")
           .boolean(0, 0))
    return nullptr;
  // The two tables' read locks are this transaction's before the other
  // connection asks for one: a large import (which holds its tables'
  // exclusive locks to its end, pg_store.cpp) either ended before them or
  // waits for this read. The other connection never waits for its lock: if
  // an import queued for the events after this connection's lock, waiting
  // behind it while this connection waits for the other would be a
  // deadlock the server cannot see (the two connections meet only here).
  conn_->exec("LOCK TABLE residence, events IN ACCESS SHARE MODE");
  const std::string snapshot(conn_->query("SELECT pg_export_snapshot()").text(0, 0));
  // Its name ("00000003-0000001B-1") goes into the statement: SET TRANSACTION
  // takes no parameters.
  if (snapshot.empty() || snapshot.find_first_not_of("0123456789ABCDEFabcdef-") != std::string::npos) return nullptr;
  try {
    auto other = std::make_unique<PgConn>(conn_->location());
    other->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    other->exec("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
    other->exec("LOCK TABLE events IN ACCESS SHARE MODE NOWAIT");
    return other;
  } catch (const PgError&) {
    // No second connection (the server's limit reached, ...), or the events
    // not to be had at once: this connection, holding them, reads both.
  } catch (const StoreUnavailable&) {
  }
  return nullptr;
}

}  // namespace danso::pg
