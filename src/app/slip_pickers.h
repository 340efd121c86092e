// Which persons a slip's person picker offers (GET /api/v1/persons?for=):
// those the slip can name on its day, by the event import's rules
// (app/import/import_events.cpp, core/residence.h): no event after a death,
// a move out or a death only of a person living in the area, a mother is a
// woman, a pregnancy or a prenatal screening is a woman's.
//
//   "death"             -> living in the area (resident)
//   "move_in"           -> alive (living anywhere: moved out of the area, or another household)
//   "birth.related_id"  -> a woman living in the area
//   "marriage.related_id" -> alive
//
//   auto f = slip_picker_filter("birth.related_id", today);   // f->sex == Sex::kFemale
#pragma once

#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace danso {

// `spec`: an event type's code, alone (the slip's person, person_id) or
// followed by ".person_id" or ".related_id". kInvalidArgument naming "for"
// for anything else.
Result<PersonFilter> slip_picker_filter(std::string_view spec, Date on);

}  // namespace danso
