#include "core/residence.h"

#include <algorithm>
#include <string>

namespace danso {

namespace {
Error residence_error(const VitalEvent& e, const std::string& vi, const std::string& en) {
  return Error::invalid("type", "sự kiện " + std::to_string(e.id.value) + " (" + e.date.iso() +
                                    "): " + vi,
                        "event " + std::to_string(e.id.value) + " (" + e.date.iso() + "): " + en);
}
}  // namespace

Status derive_residence(const Person& person, std::span<const VitalEvent> events,
                        const std::function<UnitId(HouseholdId)>& village_of,
                        std::vector<ResidenceSpell>& out) {
  std::vector<const VitalEvent*> sorted;
  sorted.reserve(events.size());
  for (const auto& e : events)
    if (affects_residence(e.type)) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](const VitalEvent* a, const VitalEvent* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });

  std::optional<ResidenceSpell> open =
      ResidenceSpell{person.id, person.household, village_of(person.household),
                     person.registered_on, std::nullopt};
  bool dead = false;
  for (const VitalEvent* e : sorted) {
    if (dead)
      return residence_error(*e, "sự kiện sau khi đã chết", "event after the person's death");
    if (e->date < person.registered_on && e->type != EventType::kMoveIn)
      return residence_error(*e, "sự kiện trước ngày vào sổ " + person.registered_on.iso(),
                             "event before the person entered the register on " +
                                 person.registered_on.iso());
    switch (e->type) {
      case EventType::kDeath:
        dead = true;
        [[fallthrough]];
      case EventType::kMoveOut:
        if (!open) {
          if (e->type == EventType::kDeath) break;  // died while away: nothing to close
          return residence_error(*e, "chuyển đi khi không cư trú", "move out while not resident");
        }
        open->end = e->date;
        // A stay that ends the day it began counts no day; a death keeps it
        // all the same (a baby who dies on the day of birth): the person
        // belongs to that household, and their birth and death to its village.
        if (open->end > open->start || e->type == EventType::kDeath) out.push_back(*open);
        open.reset();
        break;
      case EventType::kMoveIn: {
        const HouseholdId hh = e->household.valid() ? e->household : person.household;
        if (open && open->household == hh) break;  // the registration itself
        if (open) {
          open->end = e->date;
          if (open->end > open->start) out.push_back(*open);
        }
        open = ResidenceSpell{person.id, hh, village_of(hh), e->date, std::nullopt};
        break;
      }
      default:
        break;
    }
  }
  if (open) out.push_back(*open);
  return {};
}

const ResidenceSpell* place_on(std::span<const ResidenceSpell> spells, Date d) {
  const ResidenceSpell* last_started = nullptr;
  const ResidenceSpell* first = nullptr;
  for (const ResidenceSpell& s : spells) {
    if (!first || s.start < first->start) first = &s;
    if (s.start <= d && (!last_started || last_started->start < s.start)) last_started = &s;
  }
  return last_started ? last_started : first;
}

}  // namespace danso
