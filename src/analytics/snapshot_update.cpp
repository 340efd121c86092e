#include "analytics/snapshot_update.h"

#include <algorithm>
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

// The links of `wanted` persons (by dense index) that the snapshot holds.
void snapshot_links(const RegisterSnapshot& s, const std::vector<uint8_t>& wanted, bool all,
                    std::unordered_set<int64_t>& out) {
  auto id = [&](int32_t p) { return p >= 0 ? s.person_id[size_t(p)] : int64_t(0); };
  auto in = [&](int32_t p) { return p >= 0 && wanted[size_t(p)]; };
  for (const SnapshotEvent& e : s.events)
    if (in(e.person) || in(e.related))
      event_links(e.type, id(e.person), id(e.related), in(e.person), in(e.related), all, [&](int64_t x) { out.insert(x); });
}

}  // namespace

std::vector<PersonId> person_group(
    const RegisterSnapshot& s, std::vector<PersonId> changed,
    const std::function<std::vector<EventFacts>(std::span<const PersonId>)>& events_naming) {
  std::unordered_set<int64_t> group;
  for (PersonId p : changed) group.insert(p.value);
  std::vector<uint8_t> wanted(s.person_id.size(), 0);
  auto mark_wanted = [&](const std::vector<PersonId>& ids) {
    for (PersonId id : ids)
      if (const int32_t p = s.person_of(id.value); p >= 0) wanted[size_t(p)] = 1;
  };
  // Everyone an event links to the changed persons, before and after.
  std::unordered_set<int64_t> found;
  auto links = [&](const std::vector<PersonId>& ids, bool all) {
    std::fill(wanted.begin(), wanted.end(), 0);
    mark_wanted(ids);
    found.clear();
    snapshot_links(s, wanted, all, found);
    std::unordered_set<int64_t> asked;
    for (PersonId id : ids) asked.insert(id.value);
    auto in = [&](PersonId pid) { return pid.valid() && asked.count(pid.value) > 0; };
    for (const EventFacts& e : events_naming(ids))
      event_links(e.type, e.person.value, e.related.value, in(e.person), in(e.related), all,
                  [&](int64_t x) { found.insert(x); });
  };
  links(changed, true);
  // Then the marriage partners and the mothers of all of them, round after
  // round.
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
  s.female[p] = f.sex == Sex::kFemale ? 1 : 0;
  s.birth_year[p] = int16_t(y);
  s.birth_md[p] = uint16_t(m * 32 + d);
  s.married_now[p] = f.marital == MaritalStatus::kMarried ? 1 : 0;
  s.temporary[p] = f.residence == ResidenceStatus::kTemporary ? 1 : 0;
}

// The dense index of person `id`, added (with empty columns) when new.
int32_t person_slot(RegisterSnapshot& s, int64_t id) {
  if (const int32_t p = s.person_of(id); p >= 0) return p;
  const auto p = int32_t(s.person_id.size());
  s.person_id.push_back(id);
  s.female.push_back(0);
  s.birth_year.push_back(0);
  s.birth_md.push_back(32 + 1);
  s.married_now.push_back(0);
  s.temporary.push_back(0);
  s.newborn5.push_back(0);
  s.mark_begin.push_back(uint32_t(s.marks.size()));
  s.mark_count.push_back(0);
  s.person_index.set(id, p);
  return p;
}

// Rebuilds a slot-ordered array: for each slot, the kept items of its old
// range, then its new ones; `affected` slots are then ordered by `order`.
template <typename T, typename Keep, typename Order>
void splice_by_slot(std::vector<T>& items, std::vector<uint32_t>& slot_begin, const std::vector<std::vector<T>>& added,
                    const std::vector<uint8_t>& affected, Keep keep, Order order) {
  const size_t slots = slot_begin.size() - 1;
  std::vector<T> out;
  size_t extra = 0;
  for (const auto& a : added) extra += a.size();
  out.reserve(items.size() + extra);
  std::vector<uint32_t> begin(slots + 1, 0);
  for (size_t k = 0; k < slots; ++k) {
    begin[k] = uint32_t(out.size());
    const auto first = items.begin() + std::ptrdiff_t(slot_begin[k]), last = items.begin() + std::ptrdiff_t(slot_begin[k + 1]);
    if (!affected[k]) {
      out.insert(out.end(), first, last);
      continue;
    }
    for (auto it = first; it != last; ++it)
      if (keep(*it)) out.push_back(*it);
    out.insert(out.end(), added[k].begin(), added[k].end());
    order(std::span<T>(out.data() + begin[k], out.size() - begin[k]));
  }
  begin[slots] = uint32_t(out.size());
  items.swap(out);
  slot_begin.swap(begin);
}

}  // namespace

void apply_person_group(RegisterSnapshot& s, const PersonGroup& g) {
  const size_t slots = s.slot_unit.size();
  // The group's persons by dense index; new persons added.
  // (A person of the group the snapshot does not know and the register no
  // longer has gets none: slips naming them name nobody.)
  std::vector<int32_t> members;
  for (const PersonFacts& f : g.facts) set_person(s, size_t(person_slot(s, f.id.value)), f);
  for (PersonId id : g.persons)
    if (const int32_t p = s.person_of(id.value); p >= 0) members.push_back(p);
  const size_t persons = s.person_id.size();
  std::vector<uint8_t> in_group(persons, 0);
  for (int32_t p : members) in_group[size_t(p)] = 1;
  // Persons no longer in the register: their index stays theirs (nothing
  // refers to it once their spells and events are gone), but slips naming
  // them now name nobody, as in a register loaded again.
  {
    std::vector<uint8_t> kept(persons, 0);
    for (const PersonFacts& f : g.facts)
      if (const int32_t p = s.person_of(f.id.value); p >= 0) kept[size_t(p)] = 1;
    for (int32_t p : members)
      if (!kept[size_t(p)]) s.person_index.erase(s.person_id[size_t(p)]);
  }
  auto member = [&](int32_t p) { return p >= 0 && in_group[size_t(p)]; };

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
  const size_t moves_before = s.local_moves.size();
  std::erase_if(s.local_moves, [&](const SnapshotMove& m) { return member(m.person); });
  const size_t moves_kept = s.local_moves.size();
  (void)moves_before;
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
  for (int32_t p : members) s.newborn5[size_t(p)] = 0;
  for (const SnapshotEvent& e : events)
    if (member(e.person) && e.type == EventType::kNewbornScreening && e.conditions >= 5) s.newborn5[size_t(e.person)] = 1;
  std::vector<uint16_t> states(persons, 0);
  place_marks(s, events, spouse_deaths(events), members, &in_group, states);
  derive_event_facts(s, events);

  // The group's spells, and the slots whose spells or events change.
  std::vector<uint8_t> spells_changed(slots, 0), events_changed(slots, 0);
  for (const SnapshotSpell& sp : s.spells)
    if (member(sp.person)) spells_changed[size_t(sp.slot)] = 1;
  std::vector<std::vector<SnapshotSpell>> new_spells(slots);
  std::vector<SnapshotSpell> group_spells;
  for (const ResidenceSpell& r : g.spells) {
    const int32_t p = s.person_of(r.person.value), slot = s.slot_of(r.village);
    if (!member(p) || slot < 0) continue;
    SnapshotSpell sp{p, slot, r.start.days(), r.end ? r.end->days() : kOpenEnd};
    const auto q = size_t(p);
    sp.birth_year = s.birth_year[q], sp.birth_md = s.birth_md[q], sp.female = s.female[q];
    sp.married_now = s.married_now[q], sp.mark_begin = s.mark_begin[q], sp.mark_count = states[q];
    sp.household = s.household_of(r.household.value);
    new_spells[size_t(slot)].push_back(sp);
    group_spells.push_back(sp);
    spells_changed[size_t(slot)] = 1;
  }
  splice_by_slot(s.spells, s.slot_spells, new_spells, spells_changed,
                 [&](const SnapshotSpell& sp) { return !member(sp.person); },
                 [](std::span<SnapshotSpell> r) { sort_slot_spells(r); });

  // Events: those naming the group replaced, each slot by date.
  auto names_group = [&](const SnapshotEvent& e) { return member(e.person) || member(e.related); };
  for (const SnapshotEvent& e : s.events)
    if (names_group(e)) events_changed[size_t(e.slot)] = 1;
  std::vector<std::vector<SnapshotEvent>> new_events(slots);
  for (const SnapshotEvent& e : events)
    if (e.slot >= 0 && size_t(e.slot) < slots) new_events[size_t(e.slot)].push_back(e), events_changed[size_t(e.slot)] = 1;
  splice_by_slot(s.events, s.slot_events, new_events, events_changed,
                 [&](const SnapshotEvent& e) { return !names_group(e); },
                 [](std::span<SnapshotEvent> r) {
                   std::stable_sort(r.begin(), r.end(), [](const SnapshotEvent& a, const SnapshotEvent& b) { return a.date < b.date; });
                 });
  index_event_slots(s);
  s.first_event_day.reset(), s.last_event_day.reset();
  for (const SnapshotEvent& e : s.events) {
    if (!s.first_event_day || e.date < *s.first_event_day) s.first_event_day = e.date;
    if (!s.last_event_day || e.date > *s.last_event_day) s.last_event_day = e.date;
  }

  // Households of the villages whose spells changed, and the temporary
  // residents.
  {
    std::vector<HouseholdSpan> spans;
    spans.reserve(s.household_spans.size() + 16);
    std::vector<uint32_t> begin(slots + 1, 0);
    std::vector<SnapshotSpell> slot;
    for (size_t k = 0; k < slots; ++k) {
      begin[k] = uint32_t(spans.size());
      if (!spells_changed[k]) {
        spans.insert(spans.end(), s.household_spans.begin() + std::ptrdiff_t(s.slot_household_spans[k]),
                     s.household_spans.begin() + std::ptrdiff_t(s.slot_household_spans[k + 1]));
        continue;
      }
      slot.assign(s.spells.begin() + std::ptrdiff_t(s.slot_spells[k]), s.spells.begin() + std::ptrdiff_t(s.slot_spells[k + 1]));
      std::sort(slot.begin(), slot.end(), [](const SnapshotSpell& a, const SnapshotSpell& b) {
        return a.household != b.household ? a.household < b.household : a.start < b.start;
      });
      household_spans_of(slot, spans);
    }
    begin[slots] = uint32_t(spans.size());
    s.household_spans.swap(spans);
    s.slot_household_spans.swap(begin);
  }
  index_temporary_spells(s);

  // The group's moves whose other end is in the register, by date.
  std::span<SnapshotMove> added(s.local_moves.data() + moves_kept, s.local_moves.size() - moves_kept);
  pair_moves(added, group_spells);
  std::erase_if(s.local_moves, [](const SnapshotMove& m) { return m.other_slot < 0 || m.slot < 0; });
  std::stable_sort(s.local_moves.begin(), s.local_moves.end(),
                   [](const SnapshotMove& a, const SnapshotMove& b) { return a.date < b.date; });
}

}  // namespace danso::analytics
