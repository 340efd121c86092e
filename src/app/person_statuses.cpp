#include "app/person_statuses.h"

#include <algorithm>
#include <unordered_map>

namespace danso {

std::vector<PersonStatus> person_statuses(Store& store, std::span<const Person> persons, Date on) {
  std::vector<PersonId> ids;
  for (const Person& p : persons) ids.push_back(p.id);
  std::sort(ids.begin(), ids.end());
  std::unordered_map<int64_t, std::vector<ResidenceSpell>> spells;
  for (ResidenceSpell& s : store.residence_of_persons(ids)) spells[s.person.value].push_back(std::move(s));
  std::vector<VitalEvent> events = store.status_events(ids);
  // The persons they married: their deaths make widows.
  std::vector<PersonId> spouses;
  for (const VitalEvent& e : events)
    if (e.type == EventType::kMarriage && e.related.valid()) spouses.push_back(e.person), spouses.push_back(e.related);
  std::sort(spouses.begin(), spouses.end());
  spouses.erase(std::unique(spouses.begin(), spouses.end()), spouses.end());
  std::erase_if(spouses, [&](PersonId s) { return std::binary_search(ids.begin(), ids.end(), s); });
  for (VitalEvent& e : store.status_events(spouses))
    if (e.type == EventType::kDeath && std::binary_search(spouses.begin(), spouses.end(), e.person))
      events.push_back(std::move(e));
  // Each person's events: those naming them, and the deaths of anyone they married.
  std::unordered_map<int64_t, std::vector<VitalEvent>> mine;
  std::unordered_map<int64_t, std::vector<int64_t>> married_to;
  for (const VitalEvent& e : events)
    if (e.type == EventType::kMarriage && e.related.valid())
      married_to[e.person.value].push_back(e.related.value), married_to[e.related.value].push_back(e.person.value);
  for (const VitalEvent& e : events) {
    mine[e.person.value].push_back(e);
    if (e.related.valid() && e.related != e.person) mine[e.related.value].push_back(e);
  }
  std::vector<PersonStatus> out;
  out.reserve(persons.size());
  for (const Person& p : persons) {
    std::vector<VitalEvent> own = mine[p.id.value];
    for (int64_t spouse : married_to[p.id.value])
      if (spouse != p.id.value)
        for (const VitalEvent& e : mine[spouse])
          if (e.type == EventType::kDeath && e.person.value == spouse) own.push_back(e);
    out.push_back(person_status_on(p, spells[p.id.value], own, on));
  }
  return out;
}

std::vector<VitalEvent> person_events(Store& store, PersonId id) {
  return person_history(id, store.events_naming(std::span<const PersonId>(&id, 1)));
}

}  // namespace danso
