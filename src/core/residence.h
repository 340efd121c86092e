// Residence history: where a person lived, as half-open spells [start, end).
// The register does not store residence separately from its facts: the
// spells follow from the person's registration and their move and death
// events, so the population of any unit on any date, and person-years lived
// in it, can always be derived again.
//
// Rules, applied to the person's events in date order (then by event id):
//  - the first spell starts on `registered_on` in the person's household;
//  - death ends the open spell on its date (the person is not counted that day);
//  - move_out ends the open spell on its date; with no open spell it is an error;
//  - move_in opens a spell in the event's household (the person's own when
//    empty); an open spell in another household ends that day; a move_in into
//    the household of the open spell is the registration itself (no change);
//  - any event after death is an error.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "core/event.h"
#include "core/ids.h"
#include "core/person.h"
#include "core/result.h"

namespace danso {

struct ResidenceSpell {
  PersonId person;
  HouseholdId household;
  UnitId village;
  Date start;
  std::optional<Date> end;  // exclusive; empty while open
  bool covers(Date d) const { return start <= d && (!end || d < *end); }
};

// `village_of` maps a household to its village. `events` are the person's
// events, any order; they are sorted here. Spells are appended to `out`.
Status derive_residence(const Person& person, std::span<const VitalEvent> events,
                        const std::function<UnitId(HouseholdId)>& village_of,
                        std::vector<ResidenceSpell>& out);

// Whether an event type changes residence.
inline bool affects_residence(EventType t) {
  return t == EventType::kDeath || t == EventType::kMoveIn || t == EventType::kMoveOut;
}

}  // namespace danso
