#include "app/register_reads.h"

namespace danso {

int64_t households_page(Database& db, std::span<const UnitId> villages, int64_t offset, int64_t limit,
                        std::vector<Household>& rows) {
  return db.read([&](Store& s) { return s.households_page(villages, offset, limit, rows); });
}

int64_t persons_page(Database& db, std::span<const UnitId> villages, std::string_view folded, int64_t offset,
                     int64_t limit, std::vector<PlacedPerson>& rows) {
  return db.read([&](Store& s) { return s.persons_page(villages, folded, offset, limit, rows); });
}

int64_t events_page(Database& db, std::span<const UnitId> villages, Date from, Date to, std::optional<EventType> type,
                    int64_t offset, int64_t limit, std::vector<VitalEvent>& rows) {
  return db.read([&](Store& s) { return s.events_page(villages, from, to, type, offset, limit, rows); });
}

int64_t staff_page(Database& db, std::span<const UnitId> units, int64_t offset, int64_t limit,
                   std::vector<StaffAssignment>& rows) {
  return db.read([&](Store& s) { return s.staff_page(units, offset, limit, rows); });
}

std::optional<HouseholdWithMembers> household_with_members(Database& db, HouseholdId id) {
  return db.read([&](Store& s) -> std::optional<HouseholdWithMembers> {
    auto h = s.find_household(id);
    if (!h) return std::nullopt;
    return HouseholdWithMembers{*h, s.household_members(id)};
  });
}

std::optional<PersonWithPlace> person_with_place(Database& db, PersonId id, Date on) {
  return db.read([&](Store& s) -> std::optional<PersonWithPlace> {
    auto p = s.find_person(id);
    if (!p) return std::nullopt;
    return PersonWithPlace{*p, person_place(s, id, on)};
  });
}

std::optional<VitalEvent> find_event(Database& db, EventId id) {
  return db.read([&](Store& s) { return s.find_event(id); });
}

std::vector<UnitId> record_units(Database& db, RecordKind kind, int64_t id, Date on) {
  return db.read([&](Store& s) {
    std::vector<UnitId> units;
    switch (kind) {
      case RecordKind::kHousehold:
        if (auto v = household_village(s, HouseholdId(id))) units.push_back(*v);
        break;
      case RecordKind::kPerson:
        if (auto place = person_place(s, PersonId(id), on)) units.push_back(place->village);
        break;
      case RecordKind::kEvent:
        if (auto e = s.find_event(EventId(id))) units.push_back(e->village);
        break;
      case RecordKind::kReport:  // the unit reported on (a commune, a district)
        if (auto r = s.find_report(id)) units.push_back(r->unit);
        break;
      case RecordKind::kStaff:
        units = s.staff_units(StaffId(id));
        break;
    }
    return units;
  });
}

int schema_version(Database& db) {
  return db.read([](Store& s) { return s.schema_version(); });
}

}  // namespace danso
