// The status of persons on a day (core/person_status.h) from the store:
// their spells, their marriages, divorces and deaths and the deaths of their
// spouses (RegisterStore::status_events), read for all of them at once (a
// page, a household), so a page of fifty persons costs three queries.
//
//   auto st = person_statuses(store, page_persons, today);   // st[i] for persons[i]
//   auto history = person_events(store, id);                  // by date then id
#pragma once

#include <span>
#include <vector>

#include "core/person_status.h"
#include "store/store.h"

namespace danso {

std::vector<PersonStatus> person_statuses(Store& store, std::span<const Person> persons, Date on);

// The events naming a person (subject or related), by date then id.
std::vector<VitalEvent> person_events(Store& store, PersonId id);

}  // namespace danso
