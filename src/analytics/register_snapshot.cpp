#include "analytics/register_snapshot.h"

#include <algorithm>
#include <unordered_map>

#include "core/id_index.h"
#include "analytics/snapshot_derive.h"
#include "core/marital.h"

namespace danso::analytics {

namespace {

void add_person(RegisterSnapshot& s, PersonId id, Sex sex, Date birth, bool married, ResidenceStatus residence) {
  s.person_id.push_back(id.value);
  s.person_flags.push_back(uint8_t((sex == Sex::kFemale ? RegisterSnapshot::kFemale : 0) |
                                   (married ? RegisterSnapshot::kMarriedNow : 0) |
                                   (residence == ResidenceStatus::kTemporary ? RegisterSnapshot::kTemporary : 0)));
  int y, m, d;
  birth.ymd(y, m, d);
  s.birth_year.push_back(int16_t(y));
  s.birth_md.push_back(uint16_t(m * 32 + d));
}

// Sorts `v` by key(x) in [0, range), keeping the order of equal keys (a
// counting sort: two passes, no comparisons).
template <typename T, typename Key>
void bucket_sort(std::vector<T>& v, size_t range, Key key) {
  std::vector<uint32_t> next(range + 1, 0);
  for (const T& x : v) ++next[size_t(key(x)) + 1];
  for (size_t i = 0; i < range; ++i) next[i + 1] += next[i];
  std::vector<T> out(v.size());
  for (const T& x : v) out[next[size_t(key(x))]++] = x;
  v.swap(out);
}

// The same, in place: a counting sort of the indexes (four bytes an
// element), then the elements moved along the permutation's cycles, instead
// of beside a whole copy of `v` (3 GB of events at a hundred million
// persons).
template <typename T, typename Key>
void bucket_sort_in_place(std::vector<T>& v, size_t range, Key key) {
  std::vector<uint32_t> next(range + 1, 0);
  for (const T& x : v) ++next[size_t(key(x)) + 1];
  for (size_t i = 0; i < range; ++i) next[i + 1] += next[i];
  std::vector<uint32_t> to(v.size());  // where each element goes
  for (size_t i = 0; i < v.size(); ++i) to[i] = next[size_t(key(v[i]))]++;
  std::vector<uint32_t>().swap(next);
  for (size_t i = 0; i < v.size(); ++i)
    while (to[i] != i) {
      const uint32_t j = to[i];
      std::swap(v[i], v[j]);
      std::swap(to[i], to[j]);
    }
}

// Person id -> dense index, for the persons added so far.
IdIndex<int32_t> dense_person_index(const RegisterSnapshot& s) {
  IdIndex<int32_t> idx;
  int64_t max_id = 0;
  for (int64_t id : s.person_id) max_id = std::max(max_id, id);
  idx.reserve(max_id, s.person_id.size());
  for (size_t i = 0; i < s.person_id.size(); ++i) idx.set(s.person_id[i], int32_t(i));
  return idx;
}

void index_units(RegisterSnapshot& s) {
  for (const auto& u : s.tree.units()) {
    s.unit_slot.emplace(u.id.value, int32_t(s.slot_unit.size()));
    s.slot_unit.push_back(u.id);
  }
}

}  // namespace

namespace {

// The households' spans of residence, by slot: a household lives in one
// village, so its spells are all in one slot (spells by slot already).
void index_households(RegisterSnapshot& s) {
  s.slot_household_spans.assign(s.slot_unit.size() + 1, 0);
  s.household_spans.clear();
  s.household_spans.reserve(s.spells.size() / 3 + 1);
  std::vector<SnapshotSpell> slot;
  for (size_t k = 0; k < s.slot_unit.size(); ++k) {
    slot.assign(s.spells.begin() + std::ptrdiff_t(s.slot_spells[k]), s.spells.begin() + std::ptrdiff_t(s.slot_spells[k + 1]));
    std::sort(slot.begin(), slot.end(), [](const SnapshotSpell& a, const SnapshotSpell& b) {
      return a.household != b.household ? a.household < b.household : a.start < b.start;
    });
    household_spans_of(slot, s.household_spans);
    s.slot_household_spans[k + 1] = uint32_t(s.household_spans.size());
  }
}

// The moves of the register whose other end is in it (SnapshotMove), by date.
void index_local_moves(RegisterSnapshot& s) {
  pair_moves(s.local_moves, s.spells);
  std::erase_if(s.local_moves, [](const SnapshotMove& m) { return m.other_slot < 0 || m.slot < 0; });
  std::stable_sort(s.local_moves.begin(), s.local_moves.end(),
                   [](const SnapshotMove& a, const SnapshotMove& b) { return a.date < b.date; });
  for (const SnapshotMove& m : s.local_moves)
    if (m.person >= 0) s.set_flag(m.person, RegisterSnapshot::kLocalMoves, true);
}

}  // namespace

void sort_slot_spells(std::span<SnapshotSpell> spells) {
  std::sort(spells.begin(), spells.end(), [](const SnapshotSpell& a, const SnapshotSpell& b) {
    if (a.slot != b.slot) return a.slot < b.slot;
    if (a.end != b.end) return a.end > b.end;
    if (a.female != b.female) return a.female < b.female;
    if (a.start != b.start) return a.start < b.start;
    if (a.birth_year != b.birth_year) return a.birth_year < b.birth_year;
    return a.person < b.person;
  });
}

void place_marks(RegisterSnapshot& s, std::span<const SnapshotEvent> events,
                 const std::unordered_map<size_t, int32_t>& widowed, std::span<const int32_t> persons,
                 const std::vector<int32_t>* only, std::vector<uint16_t>& states_of) {
  // Each person's marks: the states (marital status, contraception) by
  // date, then the others (counselling, screening) by date; a spell refers
  // to its person's states only, which is all that counting reads. Counted
  // in columns for the whole register, in a map for a few persons.
  const size_t n = s.person_id.size();
  auto wanted = [&](int32_t p) {
    return size_t(p) < n && (!only || std::binary_search(only->begin(), only->end(), p));
  };
  std::vector<uint32_t> states_col, others_col;
  std::unordered_map<int32_t, std::pair<uint32_t, uint32_t>> few;
  if (!only) states_col.assign(n, 0), others_col.assign(n, 0);
  auto states = [&](int32_t p) -> uint32_t& { return only ? few[p].first : states_col[size_t(p)]; };
  auto others = [&](int32_t p) -> uint32_t& { return only ? few[p].second : others_col[size_t(p)]; };
  each_mark(events, widowed, [&](int32_t p, const PersonMark& m) {
    if (wanted(p)) ++(is_state_mark(m) ? states(p) : others(p));
  });
  uint32_t next = uint32_t(s.marks.size());
  for (size_t i = 0; i < persons.size(); ++i) {
    const int32_t p = persons[i];
    const auto q = size_t(p);
    uint32_t& st = states(p);
    uint32_t& ot = others(p);
    s.mark_begin[q] = next;
    s.mark_count[q] = uint16_t(std::min<uint32_t>(st + ot, UINT16_MAX));
    states_of[i] = uint16_t(std::min<uint32_t>(st, UINT16_MAX));
    next += st + ot;
    ot = s.mark_begin[q] + st;  // where its next other mark goes
    st = s.mark_begin[q];       // where its next state goes
  }
  s.marks.resize(next, PersonMark{});
  each_mark(events, widowed, [&](int32_t p, const PersonMark& m) {
    if (wanted(p)) s.marks[(is_state_mark(m) ? states(p) : others(p))++] = m;
  });
}

void index_snapshot(RegisterSnapshot& s) {
  const size_t persons = s.person_id.size();
  s.person_index = IdIndex<int32_t>();
  {
    int64_t max_id = 0;
    for (int64_t id : s.person_id) max_id = std::max(max_id, id);
    s.person_index.reserve(max_id, persons);
    for (size_t i = 0; i < persons; ++i) s.person_index.set(s.person_id[i], int32_t(i));
  }
  for (SnapshotSpell& sp : s.spells) {
    const auto p = size_t(sp.person);
    sp.birth_year = s.birth_year[p], sp.birth_md = s.birth_md[p], sp.female = s.female(sp.person);
    sp.married_now = s.flag(sp.person, RegisterSnapshot::kMarriedNow);
  }
  // Spells by village slot, so that counting can be split by slots.
  sort_slot_spells(s.spells);
  s.slot_spells.assign(s.slot_unit.size() + 1, 0);
  for (const SnapshotSpell& sp : s.spells) ++s.slot_spells[size_t(sp.slot) + 1];
  for (size_t i = 0; i + 1 < s.slot_spells.size(); ++i) s.slot_spells[i + 1] += s.slot_spells[i];
  index_households(s);
  index_local_moves(s);
  index_temporary_spells(s);

  // Marks in event order (by date), placed per person, the persons in the
  // order of their first spell (so that counting reads them in passing).
  const auto widowed = spouse_deaths(s.events);
  s.mark_begin.assign(persons, 0);
  s.mark_count.assign(persons, 0);
  s.marks.clear();
  std::vector<int32_t> order;
  order.reserve(persons);
  {
    std::vector<uint8_t> placed(persons, 0);
    for (const SnapshotSpell& sp : s.spells)
      if (!placed[size_t(sp.person)]) placed[size_t(sp.person)] = 1, order.push_back(sp.person);
    for (size_t p = 0; p < persons; ++p)
      if (!placed[p]) order.push_back(int32_t(p));
  }
  std::vector<uint16_t> states(persons, 0);
  {
    std::vector<uint16_t> by_order(order.size(), 0);
    place_marks(s, s.events, widowed, order, nullptr, by_order);
    for (size_t i = 0; i < order.size(); ++i) states[size_t(order[i])] = by_order[i];
  }
  for (SnapshotSpell& sp : s.spells) sp.mark_begin = s.mark_begin[size_t(sp.person)], sp.mark_count = states[size_t(sp.person)];

  for (uint8_t& f : s.person_flags) f &= uint8_t(~RegisterSnapshot::kNewborn5);
  for (const SnapshotEvent& e : s.events)
    if (e.person >= 0 && e.type == EventType::kNewbornScreening && e.conditions >= 5) s.set_flag(e.person, RegisterSnapshot::kNewborn5, true);
  derive_event_facts(s, s.events);

  // Events by slot (then date and id, as loaded), for counting by village;
  // those of no known village are left out.
  // (By date batch by batch when built by a SnapshotBuilder: the least and
  // the greatest.)
  if (!s.events.empty()) {
    const auto [lo, hi] = std::minmax_element(s.events.begin(), s.events.end(),
                                              [](const SnapshotEvent& a, const SnapshotEvent& b) { return a.date < b.date; });
    s.first_event_day = lo->date, s.last_event_day = hi->date;
  }
  std::erase_if(s.events, [&](const SnapshotEvent& e) { return e.slot < 0 || size_t(e.slot) >= s.slot_unit.size(); });
  bucket_sort_in_place(s.events, s.slot_unit.size(), [](const SnapshotEvent& e) { return e.slot; });
  index_event_slots(s);
  // The derived arrays at their size (they grew as they were filled).
  s.deaths.shrink_to_fit();
  s.household_spans.shrink_to_fit();
  s.temporary_spells.shrink_to_fit();
  s.local_moves.shrink_to_fit();
  s.household_id.shrink_to_fit();
}

void index_temporary_spells(RegisterSnapshot& s) {
  s.temporary_spells.clear();
  s.slot_temporary_spells.assign(s.slot_unit.size() + 1, 0);
  if (s.person_flags.size() == s.person_id.size())
    for (const SnapshotSpell& sp : s.spells)
      if (s.flag(sp.person, RegisterSnapshot::kTemporary)) {
        s.temporary_spells.push_back({sp.slot, sp.start, sp.end, sp.female});
        ++s.slot_temporary_spells[size_t(sp.slot) + 1];
      }
  for (size_t i = 0; i + 1 < s.slot_temporary_spells.size(); ++i) s.slot_temporary_spells[i + 1] += s.slot_temporary_spells[i];
}

void index_event_slots(RegisterSnapshot& s) {
  s.slot_events.assign(s.slot_unit.size() + 1, 0);
  s.slot_deaths.assign(s.slot_unit.size() + 1, 0);
  s.deaths.clear();
  for (const SnapshotEvent& e : s.events) {
    ++s.slot_events[size_t(e.slot) + 1];
    if (e.type == EventType::kDeath && e.person >= 0) {
      ++s.slot_deaths[size_t(e.slot) + 1];
      s.deaths.push_back({e.date, e.female, e.age});
    }
  }
  for (size_t i = 0; i + 1 < s.slot_events.size(); ++i) s.slot_events[i + 1] += s.slot_events[i];
  for (size_t i = 0; i + 1 < s.slot_deaths.size(); ++i) s.slot_deaths[i + 1] += s.slot_deaths[i];
}

RegisterSnapshot build_snapshot(std::vector<OrgUnit> units, std::vector<UnitLink> links,
                                const std::vector<Person>& persons, const std::vector<ResidenceSpell>& spells,
                                const std::vector<EventFacts>& events) {
  RegisterSnapshot s;
  s.tree = UnitTree(std::move(units), std::move(links));
  index_units(s);
  for (const auto& p : persons) add_person(s, p.id, p.sex, p.birth_date, p.marital == MaritalStatus::kMarried, p.residence);
  const IdIndex<int32_t> pidx = dense_person_index(s);
  auto person = [&](PersonId id) {
    const int32_t* i = pidx.find(id.value);
    return i ? *i : -1;
  };
  int64_t max_household = 0;
  for (const auto& sp : spells) max_household = std::max(max_household, sp.household.value);
  s.household_index.reserve(max_household, spells.size() / 3 + 1);
  for (const auto& sp : spells) {
    const int32_t p = person(sp.person), slot = s.slot_of(sp.village);
    if (p < 0 || slot < 0) continue;
    s.spells.push_back({p, slot, sp.start.days(), sp.end ? sp.end->days() : kOpenEnd});
    s.spells.back().household = s.household_of(sp.household.value);
  }
  std::vector<const EventFacts*> sorted;
  for (const auto& e : events)
    if (indicators_read(e.type)) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(), [](const EventFacts* a, const EventFacts* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  for (const EventFacts* e : sorted) {
    add_move(s, *e, person(e->person));
    s.events.push_back(snapshot_event(s, *e, person(e->person), e->related.valid() ? person(e->related) : -1));
  }
  index_snapshot(s);
  return s;
}

int32_t RegisterSnapshot::household_of(int64_t id) {
  if (const int32_t* i = household_index.find(id)) return *i;
  household_id.push_back(id);
  household_index.set(id, int32_t(household_id.size() - 1));
  return int32_t(household_id.size() - 1);
}

RegisterSnapshot RegisterSnapshot::load(Store& store) {
  RegisterSnapshot s;
  // One read transaction: units, persons, spells and events of the same
  // moment, even while another connection writes.
  store.read_consistently([&] { read_register(store, s); });
  index_snapshot(s);
  return s;
}

void RegisterSnapshot::read_register(Store& store, RegisterSnapshot& s) {
  s.tree = UnitTree(store.load_units(), store.load_unit_links());
  index_units(s);
  const auto n = size_t(std::max<int64_t>(0, store.count_rows(StoredTable::kPersons)));
  s.person_id.reserve(n);
  store.for_each_person_facts([&](const PersonFacts& p) {
    add_person(s, p.id, p.sex, p.birth_date, p.marital == MaritalStatus::kMarried, p.residence);
  });
  const IdIndex<int32_t> pidx = dense_person_index(s);
  auto person = [&](PersonId id) {
    const int32_t* i = pidx.find(id.value);
    return i ? *i : -1;
  };
  // Village id -> slot, dense: looked up for every spell and event.
  IdIndex<int32_t> uidx;
  int64_t max_unit = 0;
  for (const UnitId u : s.slot_unit) max_unit = std::max(max_unit, u.value);
  uidx.reserve(max_unit, s.slot_unit.size());
  for (size_t i = 0; i < s.slot_unit.size(); ++i) uidx.set(s.slot_unit[i].value, int32_t(i));
  auto slot = [&](UnitId u) {
    const int32_t* i = uidx.find(u.value);
    return i ? *i : -1;
  };
  s.spells.reserve(n + n / 8);
  s.household_index.reserve(store.max_id(StoredTable::kHouseholds),
                            size_t(std::max<int64_t>(0, store.count_rows(StoredTable::kHouseholds))));
  // Events come by id; by date (then id) once bucket-sorted.
  s.events.reserve(size_t(std::max<int64_t>(0, store.count_rows(StoredTable::kEvents))));
  int32_t first = INT32_MAX, last = INT32_MIN;
  // Spells and events possibly read at once on two threads: the spells'
  // reader writes only the spells and households, the events' only the
  // events and local moves; both only look up persons, slots and the tree.
  store.for_each_spell_and_event_facts(
      [&](const ResidenceSpell& sp) {
        const int32_t p = person(sp.person), sl = slot(sp.village);
        if (p < 0 || sl < 0) return;
        s.spells.push_back({p, sl, sp.start.days(), sp.end ? sp.end->days() : kOpenEnd});
        s.spells.back().household = s.household_of(sp.household.value);
      },
      [&](const EventFacts& e) {
        if (!indicators_read(e.type)) return;
        add_move(s, e, person(e.person));
        s.events.push_back({e.date.days(), slot(e.village), person(e.person),
                            e.related.valid() ? person(e.related) : -1, e.type,
                            uint8_t(std::clamp(e.birth_order, 0, 255)), int8_t(e.method ? int(*e.method) : -1),
                            uint8_t(std::clamp(e.conditions, 0, 255)), e.child_marriage, e.consanguineous});
        first = std::min(first, s.events.back().date), last = std::max(last, s.events.back().date);
      });
  if (!s.events.empty())
    bucket_sort(s.events, size_t(int64_t(last) - first + 1), [first](const SnapshotEvent& e) { return e.date - first; });
}

SnapshotBuilder::SnapshotBuilder(std::vector<OrgUnit> units, std::vector<UnitLink> links) {
  s_.tree = UnitTree(std::move(units), std::move(links));
  index_units(s_);
  int64_t max_unit = 0;
  for (const UnitId u : s_.slot_unit) max_unit = std::max(max_unit, u.value);
  slots_.reserve(max_unit, s_.slot_unit.size());
  for (size_t i = 0; i < s_.slot_unit.size(); ++i) slots_.set(s_.slot_unit[i].value, int32_t(i));
}

void SnapshotBuilder::reserve(size_t persons, size_t spells, size_t events) {
  s_.person_flags.reserve(persons);
  s_.person_id.reserve(persons);
  s_.birth_year.reserve(persons);
  s_.birth_md.reserve(persons);
  s_.spells.reserve(spells);
  s_.events.reserve(events);
  // About one household to three persons, numbered from 1.
  s_.household_index.reserve(int64_t(persons / 3), persons / 3);
}

namespace {

// Room for `extra` more in `v`: beyond its capacity it grows by an eighth, not
// double, so that a register of a hundred million persons does not reserve
// half as much again as it holds.
template <typename T>
void room_for(std::vector<T>& v, size_t extra) {
  if (v.size() + extra > v.capacity()) v.reserve(std::max(v.size() + extra, v.capacity() + v.capacity() / 8));
}

// What the snapshot reads of an event a generator made.
EventFacts facts_of(const VitalEvent& e) {
  EventFacts f;
  f.id = e.id, f.type = e.type, f.date = e.date, f.village = e.village, f.person = e.person, f.related = e.related;
  f.household = e.household, f.birth_order = e.birth_order, f.method = e.method, f.conditions = e.conditions;
  f.child_marriage = e.child_marriage, f.consanguineous = e.consanguineous;
  if (e.type == EventType::kMoveIn || e.type == EventType::kMoveOut) f.counterpart = e.counterpart;
  return f;
}

}  // namespace

void SnapshotBuilder::add(std::span<const Person> persons, std::span<const ResidenceSpell> spells,
                          std::span<const VitalEvent> events) {
  const size_t base = s_.person_id.size();
  room_for(s_.person_flags, persons.size());
  room_for(s_.person_id, persons.size());
  room_for(s_.birth_year, persons.size());
  room_for(s_.birth_md, persons.size());
  room_for(s_.spells, spells.size());
  room_for(s_.events, size_t(std::count_if(events.begin(), events.end(),
                                            [](const VitalEvent& e) { return indicators_read(e.type); })));
  for (const Person& p : persons)
    add_person(s_, p.id, p.sex, p.birth_date, p.marital == MaritalStatus::kMarried, p.residence);
  // The batch's persons: ids one after another as a rule (a subtraction),
  // else looked up.
  const int64_t first = persons.empty() ? 0 : persons.front().id.value;
  const bool consecutive = persons.empty() || persons.back().id.value - first == int64_t(persons.size()) - 1;
  std::unordered_map<int64_t, int32_t> sparse;
  if (!consecutive)
    for (size_t i = 0; i < persons.size(); ++i) sparse.emplace(persons[i].id.value, int32_t(base + i));
  auto person = [&](PersonId id) -> int32_t {
    if (!id.valid()) return -1;
    if (consecutive) {
      const int64_t i = id.value - first;
      return i >= 0 && i < int64_t(persons.size()) ? int32_t(base + size_t(i)) : -1;
    }
    auto it = sparse.find(id.value);
    return it == sparse.end() ? -1 : it->second;
  };
  auto slot = [&](UnitId u) {
    const int32_t* i = slots_.find(u.value);
    return i ? *i : -1;
  };
  for (const ResidenceSpell& sp : spells) {
    const int32_t p = person(sp.person), sl = slot(sp.village);
    if (p < 0 || sl < 0) continue;
    s_.spells.push_back({p, sl, sp.start.days(), sp.end ? sp.end->days() : kOpenEnd});
    s_.spells.back().household = s_.household_of(sp.household.value);
  }
  for (const VitalEvent& v : events) {
    if (!indicators_read(v.type)) continue;
    const EventFacts e = facts_of(v);
    add_move(s_, e, person(e.person));
    s_.events.push_back(snapshot_event(s_, e, person(e.person), person(e.related)));
  }
}

RegisterSnapshot SnapshotBuilder::finish() {
  index_snapshot(s_);
  return std::move(s_);
}

}  // namespace danso::analytics
