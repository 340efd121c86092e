#include "app/register_json.h"

namespace danso {

nlohmann::ordered_json household_json(const Household& h) {
  return {{"id", h.id.value},
          {"village", h.village_code},
          {"address", h.address},
          {"poverty", kPoverty.code(h.poverty)},
          {"social_protection", h.social_protection},
          {"ethnic_minority", h.ethnic_minority},
          {"registered_on", h.registered_on.iso()}};
}

nlohmann::ordered_json person_json(const Person& p) {
  return {{"id", p.id.value},
          {"household_id", p.household.value},
          {"name", p.name},
          {"sex", kSexes.code(p.sex)},
          {"birth_date", p.birth_date.iso()},
          {"citizen_id", p.citizen_id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.citizen_id)},
          {"relation", kRelations.code(p.relation)},
          {"ethnicity", p.ethnicity},
          {"marital", kMaritalStatuses.code(p.marital)},
          {"residence", kResidenceStatuses.code(p.residence)},
          {"registered_on", p.registered_on.iso()}};
}

nlohmann::ordered_json event_json(const VitalEvent& e) {
  auto id_or_null = [](int64_t v) { return v > 0 ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); };
  nlohmann::ordered_json out{{"id", e.id.value},
                             {"type", kEventTypes.code(e.type)},
                             {"date", e.date.iso()},
                             {"village", e.village_code},
                             {"person_id", e.person.value},
                             {"related_id", id_or_null(e.related.value)},
                             {"household_id", id_or_null(e.household.value)}};
  if (e.type == EventType::kBirth) out["birth_order"] = e.birth_order;
  if (event_is_contraception(e.type))
    out["method"] = e.method ? nlohmann::ordered_json(kContraceptiveMethods.code(*e.method)) : nlohmann::ordered_json(nullptr);
  if (event_is_screening(e.type)) out["conditions"] = e.conditions;
  if (e.type == EventType::kMarriage) {
    out["child_marriage"] = e.child_marriage;
    out["consanguineous"] = e.consanguineous;
  }
  if (e.type == EventType::kPregnancy)
    out["outcome"] = e.outcome ? nlohmann::ordered_json(kPregnancyOutcomes.code(*e.outcome)) : nlohmann::ordered_json(nullptr);
  if (!e.counterpart.empty()) out["counterpart"] = e.counterpart;
  if (!e.place.empty()) out["place"] = e.place;
  if (e.spouse_outside()) {  // a spouse who is not in the register: what the slip knows of them
    auto text_or_null = [](const std::string& v) { return v.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v); };
    out["spouse_name"] = e.spouse_name;
    out["spouse_birth_year"] = e.spouse_birth_year > 0 ? nlohmann::ordered_json(e.spouse_birth_year) : nlohmann::ordered_json(nullptr);
    out["spouse_address"] = text_or_null(e.spouse_address);
    out["spouse_nationality"] = text_or_null(e.spouse_nationality);
  }
  out["recorded_by"] = id_or_null(e.recorded_by.value);
  out["recorded_on"] = e.recorded_on.iso();
  return out;
}

}  // namespace danso
