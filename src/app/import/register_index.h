// RegisterIndex: the parts of the register that checking a file needs,
// loaded once into hash maps (about 40 bytes a person), so that a
// 1,000,000-row file is checked without a query per row.
#pragma once

#include <memory>
#include <optional>
#include <utility>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/id_index.h"
#include "core/residence.h"
#include "core/unit_tree.h"
#include "store/store.h"

namespace danso::import_detail {

struct HouseholdFacts {
  UnitId village;
  Date registered_on;
};

// The kinds of event whose history the events import's checks read
// (import_events.cpp): births (a child born once, a mother's birth order),
// deaths (nothing after one), the moves that make a residence, marriages
// and divorces (married already). Of a person's other events a new slip's
// checks read only those of its own kind on its day (a slip sent twice).
// A check that reads another kind must add it here.
inline constexpr EventType kCheckedKinds[] = {EventType::kBirth,   EventType::kDeath,    EventType::kMoveIn,
                                              EventType::kMoveOut, EventType::kMarriage, EventType::kDivorce};

struct RegisterIndex {
  std::shared_ptr<const UnitTree> tree = std::make_shared<const UnitTree>();  // Store::unit_tree
  IdIndex<HouseholdFacts> households;
  IdIndex<PersonFacts> persons;
  std::vector<EventFacts> events;  // in id order

  enum Parts { kUnits = 1, kHouseholds = 2, kPersons = 4, kEvents = 8 };
  static RegisterIndex load(Store& store, int parts);
  // Only what checking a few rows (one slip) about `persons` and
  // `households` needs: the unit tree, those persons, every event naming
  // them, and the households of the persons and of those events. With
  // `new_slip` (one new slip's kind and day), of those events only the
  // kinds the checks read (kCheckedKinds) and the slip's kind on its day.
  static RegisterIndex load_for(Store& store, std::span<const PersonId> persons,
                                std::span<const HouseholdId> households,
                                const std::optional<std::pair<EventType, Date>>& new_slip = std::nullopt);

  UnitId village_of(HouseholdId h) const {
    const HouseholdFacts* f = households.find(h.value);
    return f ? f->village : UnitId();
  }
};

VitalEvent to_event(const EventFacts& f);

// Derives the spells of every person in `persons` from their facts and
// `events_by_person`; a failure is returned with the offending person.
struct ResidenceFailure {
  PersonId person;
  Error error;
};
std::vector<ResidenceFailure> derive_spells(
    const std::vector<PersonFacts>& persons,
    const std::unordered_map<int64_t, std::vector<VitalEvent>>& events_by_person,
    const RegisterIndex& index, std::vector<ResidenceSpell>& out);

}  // namespace danso::import_detail
