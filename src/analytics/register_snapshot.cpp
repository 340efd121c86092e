#include "analytics/register_snapshot.h"

#include <algorithm>

namespace danso::analytics {

namespace {

void add_person(RegisterSnapshot& s, PersonId id, Sex sex, Date birth, bool married) {
  s.person_id.push_back(id.value);
  s.female.push_back(sex == Sex::kFemale ? 1 : 0);
  s.birth.push_back(birth.days());
  int y, m, d;
  birth.ymd(y, m, d);
  s.birth_year.push_back(int16_t(y));
  s.birth_month.push_back(uint8_t(m));
  s.birth_day.push_back(uint8_t(d));
  s.married_now.push_back(married ? 1 : 0);
}

void index_units(RegisterSnapshot& s) {
  for (const auto& u : s.tree.units()) {
    s.unit_slot.emplace(u.id.value, int32_t(s.slot_unit.size()));
    s.slot_unit.push_back(u.id);
  }
}

}  // namespace

RegisterSnapshot build_snapshot(std::vector<OrgUnit> units, std::vector<UnitLink> links,
                                const std::vector<Person>& persons, const std::vector<ResidenceSpell>& spells,
                                const std::vector<EventFacts>& events) {
  RegisterSnapshot s;
  s.tree = UnitTree(std::move(units), std::move(links));
  index_units(s);
  std::unordered_map<int64_t, int32_t> pidx;
  pidx.reserve(persons.size());
  for (const auto& p : persons) {
    pidx.emplace(p.id.value, int32_t(s.person_id.size()));
    add_person(s, p.id, p.sex, p.birth_date, p.marital == MaritalStatus::kMarried);
  }
  auto person = [&](PersonId id) {
    auto it = pidx.find(id.value);
    return it == pidx.end() ? -1 : it->second;
  };
  for (const auto& sp : spells) {
    const int32_t p = person(sp.person), slot = s.slot_of(sp.village);
    if (p < 0 || slot < 0) continue;
    s.spells.push_back({p, slot, sp.start.days(), sp.end ? sp.end->days() : kOpenEnd});
  }
  std::sort(s.spells.begin(), s.spells.end(), [](const SnapshotSpell& a, const SnapshotSpell& b) {
    return a.person != b.person ? a.person < b.person : a.start < b.start;
  });
  std::vector<const EventFacts*> sorted;
  for (const auto& e : events) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(), [](const EventFacts* a, const EventFacts* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  for (const EventFacts* e : sorted) {
    s.events.push_back({e->date.days(), s.slot_of(e->village), person(e->person),
                        e->related.valid() ? person(e->related) : -1, e->type, uint8_t(std::clamp(e->birth_order, 0, 255)),
                        int8_t(e->method ? int(*e->method) : -1), uint8_t(std::clamp(e->conditions, 0, 255)),
                        e->child_marriage, e->consanguineous});
  }
  return s;
}

RegisterSnapshot RegisterSnapshot::load(Store& store) {
  RegisterSnapshot s;
  s.tree = UnitTree(store.load_units(), store.load_unit_links());
  index_units(s);
  std::unordered_map<int64_t, int32_t> pidx;
  const auto n = size_t(std::max<int64_t>(0, store.count_rows("persons")));
  pidx.reserve(n);
  s.person_id.reserve(n);
  store.for_each_person([&](const Person& p) {
    pidx.emplace(p.id.value, int32_t(s.person_id.size()));
    add_person(s, p.id, p.sex, p.birth_date, p.marital == MaritalStatus::kMarried);
  });
  auto person = [&](PersonId id) {
    auto it = pidx.find(id.value);
    return it == pidx.end() ? -1 : it->second;
  };
  s.spells.reserve(n + n / 8);
  store.for_each_spell([&](const ResidenceSpell& sp) {
    const int32_t p = person(sp.person), slot = s.slot_of(sp.village);
    if (p < 0 || slot < 0) return;
    s.spells.push_back({p, slot, sp.start.days(), sp.end ? sp.end->days() : kOpenEnd});
  });
  std::vector<std::pair<int64_t, SnapshotEvent>> evs;
  store.for_each_event_facts([&](const EventFacts& e) {
    evs.push_back({e.id.value,
                   {e.date.days(), s.slot_of(e.village), person(e.person), e.related.valid() ? person(e.related) : -1,
                    e.type, uint8_t(std::clamp(e.birth_order, 0, 255)), int8_t(e.method ? int(*e.method) : -1),
                    uint8_t(std::clamp(e.conditions, 0, 255)), e.child_marriage, e.consanguineous}});
  });
  std::stable_sort(evs.begin(), evs.end(), [](const auto& a, const auto& b) {
    return a.second.date != b.second.date ? a.second.date < b.second.date : a.first < b.first;
  });
  s.events.reserve(evs.size());
  for (const auto& [id, e] : evs) s.events.push_back(e);
  return s;
}

}  // namespace danso::analytics
