#include "core/person_status.h"

#include <algorithm>

#include "core/marital.h"

namespace danso {

namespace {

std::vector<const VitalEvent*> status_events_by_date(std::span<const VitalEvent> events) {
  std::vector<const VitalEvent*> sorted;
  sorted.reserve(events.size());
  for (const VitalEvent& e : events) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](const VitalEvent* a, const VitalEvent* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  return sorted;
}

Standing standing_of(ResidenceStatus r) {
  switch (r) {
    case ResidenceStatus::kPermanent: return Standing::kPermanent;
    case ResidenceStatus::kTemporary: return Standing::kTemporary;
    case ResidenceStatus::kAbsent: return Standing::kAbsent;
  }
  return Standing::kPermanent;
}

}  // namespace

PersonStatus person_status_on(const Person& person, std::span<const ResidenceSpell> spells,
                              std::span<const VitalEvent> events, Date on) {
  PersonStatus st;
  st.on = on;
  st.marital = person.marital;
  const int64_t me = person.id.value;
  SpouseBook<int64_t> book;
  std::optional<Date> died;
  for (const VitalEvent* e : status_events_by_date(events)) {
    if (on < e->date) break;
    const int64_t a = e->person.value, b = e->related.value;
    const bool mine = a == me || (e->related.valid() && b == me);
    switch (e->type) {
      case EventType::kMarriage:
        // A spouse outside the register (no related_id) marries the
        // person alone: no one of the register is widowed by their death.
        if (e->related.valid()) book.marry(a, b);
        if (mine) st.marital = MaritalStatus::kMarried;
        break;
      case EventType::kDivorce:
        book.divorce(a, e->related.valid() ? std::optional<int64_t>(b) : std::nullopt);
        if (mine) st.marital = MaritalStatus::kDivorced;
        break;
      case EventType::kDeath:
        if (a == me) died = e->date;
        if (const auto survivor = book.death(a); survivor && *survivor == me) st.marital = MaritalStatus::kWidowed;
        break;
      default:
        break;
    }
  }
  const ResidenceSpell* place = place_on(spells, on);
  if (place) st.household = place->household, st.village = place->village;
  if (died) {
    st.standing = Standing::kDead, st.since = died;
  } else if (place && place->covers(on)) {
    st.standing = standing_of(person.residence);
  } else if (place && on < place->start) {
    st.standing = Standing::kNotYet;
  } else {
    st.standing = Standing::kMovedOut;
    if (place) st.since = place->end;
  }
  return st;
}

std::vector<VitalEvent> person_history(PersonId person, std::span<const VitalEvent> events) {
  std::vector<VitalEvent> out;
  for (const VitalEvent* e : status_events_by_date(events))
    if (e->person == person || e->related == person) out.push_back(*e);
  return out;
}

}  // namespace danso
