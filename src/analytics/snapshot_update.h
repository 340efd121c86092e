// Updating a RegisterSnapshot in place after a write, instead of loading the
// whole register again: the records of a group of persons are replaced by
// what the register now holds for them, and everything derived from them is
// derived again (their marks, the facts of the events that name them, the
// spans of the households and the moves of the villages they live in).
//
// The group is closed so that nothing outside it can change: the persons a
// write changed, everyone an event links to them (a mother and her
// children, spouses), before the write and after it, and the marriage
// partners and mothers of all of those, from one to the next (who is
// widowed by a death depends on every marriage and divorce of the couple's
// partners; a birth's delivery on every birth of the mother).
//
//   auto group = person_group(snap, {person}, [&](std::span<const PersonId> ids) {
//     return store.event_facts_naming(ids); });                     // after the write
//   PersonGroup records{group, store.person_facts_of(group), store.residence_of_persons(group),
//                       store.event_facts_naming(group)};
//   apply_person_group(snap, records);   // as if loaded again
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "analytics/person_places.h"
#include "analytics/register_snapshot.h"

namespace danso::analytics {

// The register's current records of a group of persons.
struct PersonGroup {
  std::vector<PersonId> persons;         // the group (person_group)
  std::vector<PersonFacts> facts;        // those of them still in the register
  std::vector<ResidenceSpell> spells;    // every residence spell of the group's persons
  std::vector<EventFacts> events;        // every event naming one of them, as its person or related person
};

// The persons whose records a write that changed `changed` may alter in
// the snapshot, as above: the links before the write are read from the
// snapshot, those after it through `events_naming` (the register's events
// naming any of the persons given). With `places`, the snapshot's links
// are looked for in the changed persons' villages only.
std::vector<PersonId> person_group(
    const RegisterSnapshot& s, std::vector<PersonId> changed,
    const std::function<std::vector<EventFacts>(std::span<const PersonId>)>& events_naming,
    const PersonPlaces* places = nullptr);

// What an update in place touches: the village slots whose spells or
// events change, and the group's moves whose other end is in the register.
struct SnapshotChange {
  std::vector<int32_t> slots;
  std::vector<SnapshotMove> moves;
};

// Replaces the snapshot's records of the group's persons by `g` and derives
// again what depends on them: afterwards every indicator of every unit is
// what a snapshot loaded from the register would give. A person of the
// group without facts is no longer in the register: none of their spells
// or events remain. Units are not changed (a change of units reloads).
// `before` is called with the villages the update touches and the group's
// moves while the snapshot is still as it was (to count them); `after`
// receives the same villages and the group's moves once it is done. With
// `places` (PersonPlaces::of(s), kept through every update since), the
// villages touched are looked for among the group's, and `places` is kept
// up to date; without, every village is looked at.
void apply_person_group(RegisterSnapshot& s, const PersonGroup& g,
                        const std::function<void(const SnapshotChange&)>& before = {}, SnapshotChange* after = nullptr,
                        PersonPlaces* places = nullptr);

}  // namespace danso::analytics
