// Scope of the register: the village a record belongs to, which a user must
// see (accounts::Accounts::in_scope) to read the record or to name it in a
// write. One rule for the router's checks of a path, for the lists, and
// for every record a form's body names:
//  - a household: its village (a household never changes village);
//  - a person, on a day: where they belong that day (core/residence.h
//    place_on): the household and village they live in; when they died or
//    left the area, the ones they lived in last, so the unit of a death slip
//    still sees who died there; before their first spell, the first. A
//    person who moves is seen by the unit they live in, no longer by the one
//    they left. A person with no spell at all never lived in the area (a
//    stay ended the day it began, which the events import refuses but a
//    re-import of persons can leave): no unit sees them, only the command
//    line (its exports);
//  - a staff member: the units of their assignments (any of them);
//  - an event: its village (where its person lived on its date).
//
// Every form write (app/import/record_register.h, record_event.h) parses the
// ids of its body once, strictly (form_id: a clean positive integer, else
// 400 naming the field), and checks the parsed values — those it writes —
// with check_references before anything else is checked against the
// register: a record that does not exist and one outside the writer's scope
// give the same answer, kNotFound naming the field ("không tìm thấy" / "not
// found"), so a write tells nothing about what lies outside the scope.
//
//   WriteScope scope{[&](UnitId v) { return accounts.in_scope(principal, v, today); }};
//   const Reference refs[] = {{Reference::kPerson, "person_id", 1021, {}, date}};
//   if (auto st = check_references(store, units, refs, scope); !st) return st.error();  // 404 person_id
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "core/unit_tree.h"
#include "store/store.h"

namespace danso {

struct PersonPlace {
  HouseholdId household;
  UnitId village;
};
// Where person `id` belongs on `on`; nullopt when there is no such person
// (or they have no spell).
std::optional<PersonPlace> person_place(Store& store, PersonId id, Date on);
// The village of household `id`; nullopt when there is no such household.
std::optional<UnitId> household_village(Store& store, HouseholdId id);

// The units a writer may touch. Without `sees`, every unit: the operator of
// the command line, who holds the database file.
struct WriteScope {
  std::function<bool(UnitId)> sees;
  bool allows(UnitId unit) const { return !sees || sees(unit); }
};

// A record a form's body names, as parsed from it.
struct Reference {
  enum Kind { kVillage, kHousehold, kPerson, kStaff };
  Kind kind = kPerson;
  std::string field;  // the body's field naming it
  int64_t id = 0;     // a household, person or staff member; 0 when the field is empty
  std::string code;   // a village's code; empty when the field is empty
  Date on;            // the day a village's code is resolved on and a person placed on
};

// Each reference that is not empty names an existing record in `scope`;
// the first that does not is kNotFound naming its field, alike whether it
// is missing or outside. (A village code needs only to name a unit that
// day; whether it is a village is the form's own check.)
Status check_references(Store& store, const UnitTree& units, std::span<const Reference> refs,
                        const WriteScope& scope);
// Whether person `id` exists and belongs to a unit of `scope` on `on`.
bool person_in_scope(Store& store, PersonId id, Date on, const WriteScope& scope);

// The id a form's field holds: 0 when the field is absent or empty, the
// value when it is a clean positive integer (core/record_id.h), else
// kInvalidArgument naming the field.
Result<int64_t> form_id(const std::map<std::string, std::string>& fields, const std::string& field);
// A unit code a form's field holds, as it is: digits, Latin letters, '-'
// and '_' only (no space around it); empty when absent; else
// kInvalidArgument naming the field.
Result<std::string> form_code(const std::map<std::string, std::string>& fields, const std::string& field);

}  // namespace danso
