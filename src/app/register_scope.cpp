#include "app/register_scope.h"

#include "core/record_id.h"
#include "core/residence.h"

namespace danso {

std::optional<PersonPlace> person_place(Store& store, PersonId id, Date on) {
  const std::vector<ResidenceSpell> spells = store.residence_of(id);
  if (const ResidenceSpell* s = place_on(spells, on)) return PersonPlace{s->household, s->village};
  return std::nullopt;
}

std::optional<UnitId> household_village(Store& store, HouseholdId id) {
  const auto h = store.find_household(id);
  if (!h) return std::nullopt;
  return h->village;
}

bool person_in_scope(Store& store, PersonId id, Date on, const WriteScope& scope) {
  const auto place = person_place(store, id, on);
  return place && place->village.valid() && scope.allows(place->village);
}

Status check_references(Store& store, const UnitTree& units, std::span<const Reference> refs,
                        const WriteScope& scope) {
  for (const Reference& r : refs) {
    bool found = false;
    switch (r.kind) {
      case Reference::kVillage:
        if (r.code.empty()) continue;
        if (const OrgUnit* u = units.resolve(r.code, r.on)) found = scope.allows(u->id);
        break;
      case Reference::kHousehold:
        if (r.id == 0) continue;
        if (const auto v = household_village(store, HouseholdId(r.id))) found = scope.allows(*v);
        break;
      case Reference::kPerson:
        if (r.id == 0) continue;
        found = person_in_scope(store, PersonId(r.id), r.on, scope);
        break;
      case Reference::kStaff:
        if (r.id == 0) continue;
        for (UnitId u : store.staff_units(StaffId(r.id))) found = found || scope.allows(u);
        break;
    }
    if (!found) return Error::not_found(r.field, "không tìm thấy", "not found");
  }
  return {};
}

Result<int64_t> form_id(const std::map<std::string, std::string>& fields, const std::string& field) {
  const auto it = fields.find(field);
  if (it == fields.end() || it->second.empty()) return int64_t(0);
  return parse_record_id(it->second, field);
}

Result<std::string> form_code(const std::map<std::string, std::string>& fields, const std::string& field) {
  const auto it = fields.find(field);
  if (it == fields.end()) return std::string();
  for (char c : it->second)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_'))
      return Error::invalid(field,
                            "'" + field + "' phải là mã đơn vị viết liền: chỉ chữ số, chữ cái Latin, '-' hoặc '_'",
                            "'" + field + "' must be a unit code written plainly: digits, Latin letters, '-' or '_'");
  return it->second;
}

}  // namespace danso
