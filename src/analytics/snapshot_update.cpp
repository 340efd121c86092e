#include "analytics/snapshot_update.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "analytics/snapshot_derive.h"

namespace danso::analytics {

namespace {

constexpr int kMaxLinkRounds = 64;  // partners of partners and mothers of mothers, from one to the next

// The persons an event links to `in` persons: with `all`, both persons of
// any event naming one of them; else the partners of a marriage or divorce
// naming one of them, and the mother of a birth whose child is one of them.
template <typename Add>
void event_links(EventType type, int64_t person, int64_t related, bool person_in, bool related_in, bool all, Add add) {
  if (!person_in && !related_in) return;
  const bool partners = type == EventType::kMarriage || type == EventType::kDivorce;
  const bool mother = type == EventType::kBirth && person_in;
  if (!all && !partners && !mother) return;
  if (person > 0) add(person);
  if (related > 0) add(related);
}

// The links of `wanted` persons (by dense index, sorted) that the snapshot
// holds: the events of their villages (`places`), or of every village.
void snapshot_links(const RegisterSnapshot& s, const std::vector<int32_t>& wanted, bool all,
                    const PersonPlaces* places, std::unordered_set<int64_t>& out) {
  auto id = [&](int32_t p) { return p >= 0 ? s.person_id[size_t(p)] : int64_t(0); };
  auto in = [&](int32_t p) { return p >= 0 && std::binary_search(wanted.begin(), wanted.end(), p); };
  auto scan = [&](uint32_t from, uint32_t to) {
    for (uint32_t i = from; i < to; ++i) {
      const SnapshotEvent& e = s.events[i];
      if (in(e.person) || in(e.related))
        event_links(e.type, id(e.person), id(e.related), in(e.person), in(e.related), all,
                    [&](int64_t x) { out.insert(x); });
    }
  };
  if (!places) return scan(0, uint32_t(s.events.size()));
  std::vector<int32_t> slots;
  for (int32_t p : wanted) places->each(p, [&](int32_t k) { slots.push_back(k); });
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  for (int32_t k : slots) scan(s.slot_events[size_t(k)], s.slot_events[size_t(k) + 1]);
}

// The dense indexes of `ids` the snapshot knows, sorted.
std::vector<int32_t> dense_of(const RegisterSnapshot& s, const std::vector<PersonId>& ids) {
  std::vector<int32_t> out;
  for (PersonId id : ids)
    if (const int32_t p = s.person_of(id.value); p >= 0) out.push_back(p);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<PersonId> person_group(
    const RegisterSnapshot& s, std::vector<PersonId> changed,
    const std::function<std::vector<EventFacts>(std::span<const PersonId>)>& events_naming,
    const PersonPlaces* places) {
  std::unordered_set<int64_t> group;
  for (PersonId p : changed) group.insert(p.value);
  // Everyone an event links to the changed persons, before and after.
  std::unordered_set<int64_t> found;
  auto links = [&](const std::vector<PersonId>& ids, bool all) {
    found.clear();
    if (all) snapshot_links(s, dense_of(s, ids), all, places, found);  // the changed persons' links before the write
    std::unordered_set<int64_t> asked;
    for (PersonId id : ids) asked.insert(id.value);
    auto in = [&](PersonId pid) { return pid.valid() && asked.count(pid.value) > 0; };
    for (const EventFacts& e : events_naming(ids))
      event_links(e.type, e.person.value, e.related.value, in(e.person), in(e.related), all,
                  [&](int64_t x) { found.insert(x); });
  };
  links(changed, true);
  // Then the marriage partners and the mothers of all of them, round after
  // round, as the register has them after the write (a link the write took
  // away named persons it changed, whose links before it are in already).
  std::vector<PersonId> frontier = changed;
  for (int64_t id : found)
    if (group.insert(id).second) frontier.push_back(PersonId{id});
  for (int round = 0; round < kMaxLinkRounds && !frontier.empty(); ++round) {
    links(frontier, false);
    frontier.clear();
    for (int64_t id : found)
      if (group.insert(id).second) frontier.push_back(PersonId{id});
  }
  std::vector<PersonId> out;
  out.reserve(group.size());
  for (int64_t id : group) out.push_back(PersonId{id});
  std::sort(out.begin(), out.end(), [](PersonId a, PersonId b) { return a.value < b.value; });
  return out;
}

namespace {

void set_person(RegisterSnapshot& s, size_t p, const PersonFacts& f) {
  int y, m, d;
  f.birth_date.ymd(y, m, d);
  const auto q = int32_t(p);
  s.set_flag(q, RegisterSnapshot::kFemale, f.sex == Sex::kFemale);
  s.birth_year[p] = int16_t(y);
  s.birth_md[p] = uint16_t(m * 32 + d);
  s.set_flag(q, RegisterSnapshot::kMarriedNow, f.marital == MaritalStatus::kMarried);
  s.set_flag(q, RegisterSnapshot::kTemporary, f.residence == ResidenceStatus::kTemporary);
}

// The dense index of person `id`, added (with empty columns) when new.
int32_t person_slot(RegisterSnapshot& s, int64_t id) {
  if (const int32_t p = s.person_of(id); p >= 0) return p;
  const auto p = int32_t(s.person_id.size());
  s.person_id.push_back(id);
  s.person_flags.push_back(0);
  s.birth_year.push_back(0);
  s.birth_md.push_back(32 + 1);
  s.mark_begin.push_back(uint32_t(s.marks.size()));
  s.mark_count.push_back(0);
  s.person_index.set(id, p);
  return p;
}

// Replaces, in a slot-ordered array, the items of the slots in `content`
// (slot -> its new items) by their new items, in place: the other slots'
// items move by as much as the slots before them grew or shrank (blocks
// moving left from the left, those moving right from the right), so an
// update costs a move of the array's tail, not a copy of all of it.
template <typename T>
void replace_slots(std::vector<T>& items, std::vector<uint32_t>& begin, const std::map<size_t, std::vector<T>>& content) {
  if (content.empty()) return;
  const size_t slots = begin.size() - 1;
  std::vector<uint32_t> next(begin);
  int64_t shift = 0;
  for (size_t k = content.begin()->first; k < slots; ++k) {
    next[k] = uint32_t(int64_t(begin[k]) + shift);
    if (const auto it = content.find(k); it != content.end())
      shift += int64_t(it->second.size()) - int64_t(begin[k + 1] - begin[k]);
  }
  next[slots] = uint32_t(int64_t(begin[slots]) + shift);
  // The runs of slots left as they are, with their old and new first item.
  struct Run {
    size_t from, to, at;
  };
  std::vector<Run> runs;
  for (size_t k = content.begin()->first; k < slots;) {
    if (content.count(k)) {
      ++k;
      continue;
    }
    size_t e = k;
    while (e < slots && !content.count(e)) ++e;
    if (begin[e] > begin[k] && next[k] != begin[k]) runs.push_back({begin[k], begin[e], next[k]});
    k = e;
  }
  if (next[slots] > items.size()) {
    if (items.capacity() < next[slots]) items.reserve(size_t(next[slots]) + next[slots] / 16);
    items.resize(next[slots]);
  }
  for (const Run& r : runs)  // moving left, from the left
    if (r.at < r.from) std::move(items.begin() + std::ptrdiff_t(r.from), items.begin() + std::ptrdiff_t(r.to), items.begin() + std::ptrdiff_t(r.at));
  for (auto r = runs.rbegin(); r != runs.rend(); ++r)  // moving right, from the right
    if (r->at > r->from)
      std::move_backward(items.begin() + std::ptrdiff_t(r->from), items.begin() + std::ptrdiff_t(r->to),
                         items.begin() + std::ptrdiff_t(r->at + (r->to - r->from)));
  for (const auto& [k, v] : content) std::copy(v.begin(), v.end(), items.begin() + std::ptrdiff_t(next[k]));
  items.resize(next[slots]);
  begin.swap(next);
}

}  // namespace

void apply_person_group(RegisterSnapshot& s, const PersonGroup& g,
                        const std::function<void(const SnapshotChange&)>& before, SnapshotChange* after,
                        PersonPlaces* places) {
  const size_t slots = s.slot_unit.size();
  // The villages touched: those of the group's spells and events as the
  // snapshot has them, and as the register now has them.
  SnapshotChange change;
  // The villages whose spells or events name the group now (old ones):
  // looked for among the group's villages (`places`), or in every village.
  std::vector<uint8_t> spells_changed(slots, 0), events_changed(slots, 0);
  // Whether a move of local_moves names one of the group (else none of
  // its scans of every move is needed).
  bool had_moves = false;
  {
    const std::vector<int32_t> was = dense_of(s, g.persons);
    auto in = [&](int32_t p) { return p >= 0 && std::binary_search(was.begin(), was.end(), p); };
    had_moves = std::any_of(was.begin(), was.end(), [&](int32_t p) { return s.flag(p, RegisterSnapshot::kLocalMoves); });
    std::vector<uint8_t> touched(slots, 0);
    auto look = [&](size_t k) {
      for (uint32_t i = s.slot_spells[k]; i < s.slot_spells[k + 1] && !spells_changed[k]; ++i)
        spells_changed[k] = in(s.spells[i].person);
      for (uint32_t i = s.slot_events[k]; i < s.slot_events[k + 1] && !events_changed[k]; ++i)
        events_changed[k] = in(s.events[i].person) || in(s.events[i].related);
      touched[k] = spells_changed[k] || events_changed[k];
    };
    if (places) {
      for (int32_t p : was) places->each(p, [&](int32_t k) { look(size_t(k)); });
    } else {
      for (size_t k = 0; k < slots; ++k) look(k);
    }
    for (const ResidenceSpell& r : g.spells)
      if (const int32_t k = s.slot_of(r.village); k >= 0) touched[size_t(k)] = 1;
    for (const EventFacts& e : g.events)
      if (const int32_t k = s.slot_of(e.village); k >= 0 && indicators_read(e.type)) touched[size_t(k)] = 1;
    for (size_t k = 0; k < slots; ++k)
      if (touched[k]) change.slots.push_back(int32_t(k));
    if (had_moves)
      for (const SnapshotMove& m : s.local_moves)
        if (in(m.person)) change.moves.push_back(m);
  }
  if (before) before(change);
  // The group's persons by dense index; new persons added.
  // (A person of the group the snapshot does not know and the register no
  // longer has gets none: slips naming them name nobody.)
  for (const PersonFacts& f : g.facts) set_person(s, size_t(person_slot(s, f.id.value)), f);
  std::vector<int32_t> members;
  for (PersonId id : g.persons)
    if (const int32_t p = s.person_of(id.value); p >= 0) members.push_back(p);
  std::vector<int32_t> in_group(members);  // sorted
  std::sort(in_group.begin(), in_group.end());
  in_group.erase(std::unique(in_group.begin(), in_group.end()), in_group.end());
  // Persons no longer in the register: their index stays theirs (nothing
  // refers to it once their spells and events are gone), but slips naming
  // them now name nobody, as in a register loaded again.
  {
    std::vector<int32_t> kept;
    for (const PersonFacts& f : g.facts)
      if (const int32_t p = s.person_of(f.id.value); p >= 0) kept.push_back(p);
    std::sort(kept.begin(), kept.end());
    for (int32_t p : members)
      if (!std::binary_search(kept.begin(), kept.end(), p)) s.person_index.erase(s.person_id[size_t(p)]);
  }
  auto member = [&](int32_t p) { return p >= 0 && std::binary_search(in_group.begin(), in_group.end(), p); };

  // The group's events as the snapshot keeps them, by date then id.
  std::vector<const EventFacts*> sorted;
  for (const EventFacts& e : g.events)
    if (indicators_read(e.type)) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](const EventFacts* a, const EventFacts* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  std::vector<SnapshotEvent> events;
  events.reserve(sorted.size());
  auto dense = [&](PersonId id) { return id.valid() ? s.person_of(id.value) : -1; };
  if (had_moves) std::erase_if(s.local_moves, [&](const SnapshotMove& m) { return member(m.person); });
  const size_t moves_kept = s.local_moves.size();
  for (const EventFacts* e : sorted) {
    // Only the events naming a person the snapshot has in the group: one
    // naming nobody else but persons no longer in the register stays as
    // the snapshot holds it (it was derived again when they went).
    const int32_t p = dense(e->person), related = dense(e->related);
    if (!member(p) && !member(related)) continue;
    if (member(p)) add_move(s, *e, p);
    events.push_back(snapshot_event(s, *e, p, related));
  }

  // Newborn screening, marks and the events' facts, derived again.
  for (int32_t p : members) s.set_flag(p, RegisterSnapshot::kNewborn5, false);
  for (const SnapshotEvent& e : events)
    if (member(e.person) && e.type == EventType::kNewbornScreening && e.conditions >= 5) s.set_flag(e.person, RegisterSnapshot::kNewborn5, true);
  std::vector<uint16_t> states(members.size(), 0);  // by position in members
  place_marks(s, events, spouse_deaths(events), members, &in_group, states);
  std::unordered_map<int32_t, uint16_t> states_of;
  for (size_t i = 0; i < members.size(); ++i) states_of[members[i]] = states[i];
  derive_event_facts(s, events);

  // The group's spells, and the slots whose spells or events change.
  std::vector<std::vector<SnapshotSpell>> new_spells(slots);
  std::vector<SnapshotSpell> group_spells;
  for (const ResidenceSpell& r : g.spells) {
    const int32_t p = s.person_of(r.person.value), slot = s.slot_of(r.village);
    if (!member(p) || slot < 0) continue;
    SnapshotSpell sp{p, slot, r.start.days(), r.end ? r.end->days() : kOpenEnd};
    const auto q = size_t(p);
    sp.birth_year = s.birth_year[q], sp.birth_md = s.birth_md[q], sp.female = s.female(p);
    sp.married_now = s.flag(p, RegisterSnapshot::kMarriedNow), sp.mark_begin = s.mark_begin[q], sp.mark_count = states_of[p];
    sp.household = s.household_of(r.household.value);
    new_spells[size_t(slot)].push_back(sp);
    group_spells.push_back(sp);
    spells_changed[size_t(slot)] = 1;
  }
  std::map<size_t, std::vector<SnapshotSpell>> slot_spells;
  for (size_t k = 0; k < slots; ++k) {
    if (!spells_changed[k]) continue;
    auto& v = slot_spells[k];
    for (uint32_t i = s.slot_spells[k]; i < s.slot_spells[k + 1]; ++i)
      if (!member(s.spells[i].person)) v.push_back(s.spells[i]);
    v.insert(v.end(), new_spells[k].begin(), new_spells[k].end());
    sort_slot_spells(v);
  }
  replace_slots(s.spells, s.slot_spells, slot_spells);

  // Events: those naming the group replaced, each slot by date.
  auto names_group = [&](const SnapshotEvent& e) { return member(e.person) || member(e.related); };
  std::vector<std::vector<SnapshotEvent>> new_events(slots);
  for (const SnapshotEvent& e : events)
    if (e.slot >= 0 && size_t(e.slot) < slots) new_events[size_t(e.slot)].push_back(e), events_changed[size_t(e.slot)] = 1;
  std::map<size_t, std::vector<SnapshotEvent>> slot_events;
  std::map<size_t, std::vector<SnapshotDeath>> slot_deaths;
  // A removed event was the first or last day's (and none of the group's
  // events is dated that day again: then the day stays the first or last).
  bool first_removed = false, last_removed = false;
  for (size_t k = 0; k < slots; ++k) {
    if (!events_changed[k]) continue;
    auto& v = slot_events[k];
    for (uint32_t i = s.slot_events[k]; i < s.slot_events[k + 1]; ++i) {
      const SnapshotEvent& e = s.events[i];
      if (!names_group(e)) {
        v.push_back(e);
        continue;
      }
      first_removed = first_removed || e.date == s.first_event_day;
      last_removed = last_removed || e.date == s.last_event_day;
    }
    v.insert(v.end(), new_events[k].begin(), new_events[k].end());
    std::stable_sort(v.begin(), v.end(), [](const SnapshotEvent& a, const SnapshotEvent& b) { return a.date < b.date; });
    auto& deaths = slot_deaths[k];
    for (const SnapshotEvent& e : v)
      if (e.type == EventType::kDeath && e.person >= 0) deaths.push_back({e.date, e.female, e.age});
  }
  replace_slots(s.events, s.slot_events, slot_events);
  replace_slots(s.deaths, s.slot_deaths, slot_deaths);
  for (const SnapshotEvent& e : events) {
    if (e.slot < 0 || size_t(e.slot) >= slots) continue;
    if (e.date == s.first_event_day) first_removed = false;
    if (e.date == s.last_event_day) last_removed = false;
  }
  if (first_removed || last_removed) {
    s.first_event_day.reset(), s.last_event_day.reset();
    for (const SnapshotEvent& e : s.events) {
      if (!s.first_event_day || e.date < *s.first_event_day) s.first_event_day = e.date;
      if (!s.last_event_day || e.date > *s.last_event_day) s.last_event_day = e.date;
    }
  }
  for (const SnapshotEvent& e : events) {
    if (e.slot < 0 || size_t(e.slot) >= slots) continue;
    if (!s.first_event_day || e.date < *s.first_event_day) s.first_event_day = e.date;
    if (!s.last_event_day || e.date > *s.last_event_day) s.last_event_day = e.date;
  }

  // Households and temporary residents of the villages whose spells changed.
  std::map<size_t, std::vector<HouseholdSpan>> slot_spans;
  std::map<size_t, std::vector<TemporarySpell>> slot_temporary;
  for (const auto& [k, v] : slot_spells) {
    std::vector<SnapshotSpell> by_household(v);
    std::sort(by_household.begin(), by_household.end(), [](const SnapshotSpell& a, const SnapshotSpell& b) {
      return a.household != b.household ? a.household < b.household : a.start < b.start;
    });
    household_spans_of(by_household, slot_spans[k]);
    auto& t = slot_temporary[k];
    for (const SnapshotSpell& sp : v)
      if (s.flag(sp.person, RegisterSnapshot::kTemporary)) t.push_back({sp.slot, sp.start, sp.end, sp.female});
  }
  replace_slots(s.household_spans, s.slot_household_spans, slot_spans);
  replace_slots(s.temporary_spells, s.slot_temporary_spells, slot_temporary);

  // The group's moves whose other end is in the register, by date: those
  // added sorted, then merged with the others (in the order a stable sort
  // of all of them gives).
  std::span<SnapshotMove> added(s.local_moves.data() + moves_kept, s.local_moves.size() - moves_kept);
  pair_moves(added, group_spells);
  const auto paired_end = std::remove_if(s.local_moves.begin() + std::ptrdiff_t(moves_kept), s.local_moves.end(),
                                         [](const SnapshotMove& m) { return m.other_slot < 0 || m.slot < 0; });
  s.local_moves.erase(paired_end, s.local_moves.end());
  for (size_t i = moves_kept; i < s.local_moves.size(); ++i) s.set_flag(s.local_moves[i].person, RegisterSnapshot::kLocalMoves, true);
  const bool has_moves = had_moves || s.local_moves.size() > moves_kept;
  auto by_date = [](const SnapshotMove& a, const SnapshotMove& b) { return a.date < b.date; };
  std::stable_sort(s.local_moves.begin() + std::ptrdiff_t(moves_kept), s.local_moves.end(), by_date);
  std::inplace_merge(s.local_moves.begin(), s.local_moves.begin() + std::ptrdiff_t(moves_kept), s.local_moves.end(),
                     by_date);
  // The group's villages, as they now are.
  if (places) {
    for (int32_t p : in_group) places->clear(p);
    for (const SnapshotSpell& sp : group_spells) places->add(sp.person, sp.slot);
    for (const SnapshotEvent& e : events) places->add(e.person, e.slot), places->add(e.related, e.slot);
  }
  if (after) {
    after->slots = std::move(change.slots);
    after->moves.clear();
    if (has_moves)
      for (const SnapshotMove& m : s.local_moves)
        if (member(m.person)) after->moves.push_back(m);
  }
}

}  // namespace danso::analytics
