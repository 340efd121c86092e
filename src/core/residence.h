// Residence history: where a person lived, as half-open spells [start, end).
// The register does not store residence separately from its facts: the
// spells follow from the person's registration and their move and death
// events, so the population of any unit on any date, and person-years lived
// in it, can always be derived again.
//
// Rules, applied to the person's events in date order (then by event id):
//  - the first spell starts on `registered_on` in the person's household;
//  - death ends the open spell on its date (the person is not counted that day);
//    a spell a death ends on the day it began is kept, empty (a baby who dies
//    on the day of birth lived in its household and village, counting no day);
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

// Where a person belongs on day `d`, for deciding who may see them: of
// their spells (any order), the one that started last on or before `d` —
// the spell covering `d` while they live in the area, else the last one
// they had (a person who died or left the area stays with the household and
// village they lived in last, so the unit where they died still sees them);
// the first spell when `d` is before all of them. nullptr with no spell (a
// stay that ended by a move the day it began leaves none): such a person
// belongs nowhere.
const ResidenceSpell* place_on(std::span<const ResidenceSpell> spells, Date d);

// Whether an event type changes residence.
inline bool affects_residence(EventType t) {
  return t == EventType::kDeath || t == EventType::kMoveIn || t == EventType::kMoveOut;
}

}  // namespace danso
