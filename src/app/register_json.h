// Register records as the API shows them and the audit log keeps them
// (before and after a write): a household, a person, a slip, as JSON with
// the codes of the files' columns (docs/data-formats.md).
//
//   auto j = person_json(p);   // {"id": 7, "household_id": 3, "name": "...", "sex": "F", ...}
#pragma once

#include <nlohmann/json.hpp>

#include "core/event.h"
#include "core/household.h"
#include "core/person.h"

namespace danso {

nlohmann::ordered_json household_json(const Household& h);
nlohmann::ordered_json person_json(const Person& p);
nlohmann::ordered_json event_json(const VitalEvent& e);

}  // namespace danso
