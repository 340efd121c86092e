// RegisterBatch: a set of register records travelling together, from a
// generator or a parsed file into the store. Plain vectors, no behaviour.
#pragma once

#include <vector>

#include "core/event.h"
#include "core/household.h"
#include "core/person.h"
#include "core/staff.h"
#include "core/unit.h"

namespace danso {

struct RegisterBatch {
  std::vector<OrgUnit> units;
  std::vector<UnitLink> links;
  std::vector<Household> households;
  std::vector<Person> persons;
  std::vector<VitalEvent> events;
  std::vector<StaffAssignment> staff;
};

}  // namespace danso
