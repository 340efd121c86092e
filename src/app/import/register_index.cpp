#include "app/import/register_index.h"

namespace danso::import_detail {

RegisterIndex RegisterIndex::load(Store& store, int parts) {
  RegisterIndex idx;
  if (parts & kUnits) idx.tree = store.unit_tree();
  if (parts & kHouseholds) {
    idx.households.reserve(store.max_id(StoredTable::kHouseholds), size_t(store.count_rows(StoredTable::kHouseholds)));
    store.for_each_household([&](const Household& h) {
      idx.households.set(h.id.value, HouseholdFacts{h.village, h.registered_on});
    });
  }
  if (parts & kPersons) {
    idx.persons.reserve(store.max_id(StoredTable::kPersons), size_t(store.count_rows(StoredTable::kPersons)));
    store.for_each_person_facts([&](const PersonFacts& p) { idx.persons.set(p.id.value, p); });
  }
  if (parts & kEvents) store.for_each_event_facts([&](const EventFacts& e) { idx.events.push_back(e); });
  return idx;
}

RegisterIndex RegisterIndex::load_for(Store& store, std::span<const PersonId> persons,
                                      std::span<const HouseholdId> households,
                                      const std::optional<std::pair<EventType, Date>>& new_slip) {
  RegisterIndex idx = load(store, kUnits);
  const std::vector<PersonFacts> facts = store.person_facts_of(persons);
  idx.events = new_slip ? store.event_facts_for_slip(persons, kCheckedKinds, new_slip->first, new_slip->second)
                        : store.event_facts_naming(persons);
  std::vector<HouseholdId> wanted(households.begin(), households.end());
  for (const PersonFacts& p : facts) {
    idx.persons.set(p.id.value, p);
    wanted.push_back(p.household);
  }
  for (const EventFacts& e : idx.events) wanted.push_back(e.household);
  for (HouseholdId h : wanted) {
    if (!h.valid() || idx.households.contains(h.value)) continue;
    if (auto found = store.find_household(h)) idx.households.set(h.value, HouseholdFacts{found->village, found->registered_on});
  }
  return idx;
}

VitalEvent to_event(const EventFacts& f) {
  VitalEvent e;
  e.id = f.id;
  e.type = f.type;
  e.date = f.date;
  e.village = f.village;
  e.person = f.person;
  e.related = f.related;
  e.household = f.household;
  e.birth_order = f.birth_order;
  return e;
}

std::vector<ResidenceFailure> derive_spells(
    const std::vector<PersonFacts>& persons,
    const std::unordered_map<int64_t, std::vector<VitalEvent>>& events_by_person,
    const RegisterIndex& index, std::vector<ResidenceSpell>& out) {
  std::vector<ResidenceFailure> failures;
  const std::vector<VitalEvent> none;
  auto village_of = [&](HouseholdId h) { return index.village_of(h); };
  for (const PersonFacts& f : persons) {
    Person p;
    p.id = f.id;
    p.household = f.household;
    p.sex = f.sex;
    p.birth_date = f.birth_date;
    p.registered_on = f.registered_on;
    auto it = events_by_person.find(f.id.value);
    const auto& evs = it == events_by_person.end() ? none : it->second;
    if (auto st = derive_residence(p, evs, village_of, out); !st) failures.push_back({f.id, st.error()});
  }
  return failures;
}

}  // namespace danso::import_detail
