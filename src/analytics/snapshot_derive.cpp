#include "analytics/snapshot_derive.h"

#include <algorithm>

#include "core/marital.h"

namespace danso::analytics {

std::unordered_map<size_t, int32_t> spouse_deaths(std::span<const SnapshotEvent> events) {
  // Sparse: only the persons married or divorced by an event are followed.
  std::unordered_map<size_t, int32_t> widowed;
  SpouseBook<int32_t> book;
  for (size_t i = 0; i < events.size(); ++i) {
    const SnapshotEvent& e = events[i];
    if (e.person < 0) continue;
    if (e.type == EventType::kMarriage && e.related >= 0) {
      book.marry(e.person, e.related);
    } else if (e.type == EventType::kDivorce) {
      book.divorce(e.person, e.related >= 0 ? std::optional<int32_t>(e.related) : std::nullopt);
    } else if (e.type == EventType::kDeath) {
      if (const auto survivor = book.death(e.person)) widowed.emplace(i, *survivor);
    }
  }
  return widowed;
}

void derive_event_facts(const RegisterSnapshot& s, std::span<SnapshotEvent> events) {
  int32_t day = INT32_MIN;
  int y = 0, md = 0;
  // Each mother's last delivery: the index of its first birth event.
  std::unordered_map<int32_t, size_t> last_delivery;
  for (size_t i = 0; i < events.size(); ++i) {
    SnapshotEvent& e = events[i];
    if (e.person < 0) continue;
    if (e.date != day) {  // events are by date
      int m, d;
      civil_from_days(e.date, y, m, d);
      md = m * 32 + d, day = e.date;
    }
    e.female = s.female(e.person);
    e.age = uint8_t(std::clamp(s.age_on(e.person, y, md), 0, 100));
    e.facts = 0;
    if (e.type == EventType::kBirth) {
      if (e.related >= 0) {
        e.mother_age = uint8_t(std::clamp(s.age_on(e.related, y, md), 0, 100));
        const PersonMark* pm = s.last_mark(e.related, PersonMark::kPrenatal4, e.date);
        if (pm && pm->date >= e.date - 300) e.facts |= SnapshotEvent::kPrenatalScreened4;
      }
      if (s.flag(e.person, RegisterSnapshot::kNewborn5)) e.facts |= SnapshotEvent::kNewbornScreened5;
      // One delivery: the births of one mother on the same day or the next.
      size_t first = i;
      if (e.related >= 0) {
        auto [it, fresh] = last_delivery.try_emplace(e.related, i);
        if (!fresh && events[it->second].date >= e.date - 1) first = it->second;
        else it->second = i;
      }
      if (first == i) e.facts |= SnapshotEvent::kDelivery;
      if (e.birth_order >= 3) events[first].facts |= SnapshotEvent::kDeliveryOrder3plus;
    }
    if (e.type == EventType::kMarriage) {
      int counselled = 0;
      for (int32_t q : {e.person, e.related}) {
        if (q < 0) continue;
        const PersonMark* pm = s.last_mark(q, PersonMark::kCounselling, e.date);
        if (pm && pm->date >= e.date - 365) ++counselled;
      }
      e.facts = uint8_t(counselled << 2);
    }
  }
}

void household_spans_of(std::span<const SnapshotSpell> spells, std::vector<HouseholdSpan>& out) {
  for (size_t i = 0; i < spells.size();) {
    const SnapshotSpell& first = spells[i];
    int32_t start = first.start, end = first.end;
    size_t j = i + 1;
    for (; j < spells.size() && spells[j].household == first.household; ++j) {
      if (spells[j].start <= end) {  // overlaps or touches: one span
        end = std::max(end, spells[j].end);
      } else {
        out.push_back({start, end});
        start = spells[j].start, end = spells[j].end;
      }
    }
    out.push_back({start, end});
    i = j;
  }
}

SnapshotEvent snapshot_event(const RegisterSnapshot& s, const EventFacts& e, int32_t person, int32_t related) {
  return {e.date.days(), s.slot_of(e.village), person, related, e.type, uint8_t(std::clamp(e.birth_order, 0, 255)),
          int8_t(e.method ? int(*e.method) : -1), uint8_t(std::clamp(e.conditions, 0, 255)), e.child_marriage,
          e.consanguineous};
}

void add_move(RegisterSnapshot& s, const EventFacts& e, int32_t person) {
  if (e.type != EventType::kMoveIn && e.type != EventType::kMoveOut) return;
  const OrgUnit* other = e.counterpart.empty() ? nullptr : s.tree.resolve(e.counterpart, e.date);
  s.local_moves.push_back({e.date.days(), s.slot_of(e.village), other ? s.slot_of(other->id) : -1, person,
                           uint8_t(e.type == EventType::kMoveIn ? 1 : 0)});
}

void pair_moves(std::span<SnapshotMove> moves, std::span<const SnapshotSpell> spells) {
  // (person, day, in) -> the move's index, for the moves to pair with spells.
  std::unordered_map<uint64_t, size_t> open;
  auto key = [](int32_t person, int32_t day, bool in) {
    return (uint64_t(uint32_t(person)) << 33) | (uint64_t(uint32_t(day)) << 1) | (in ? 1u : 0u);
  };
  for (size_t i = 0; i < moves.size(); ++i)
    if (moves[i].person >= 0) open.emplace(key(moves[i].person, moves[i].date, moves[i].in), i);
  if (open.empty()) return;
  for (const SnapshotSpell& sp : spells) {
    // A spell ending on a move in's day is where the person came from; one
    // starting on a move out's day is where they went.
    if (sp.end != kOpenEnd)
      if (auto it = open.find(key(sp.person, sp.end, true)); it != open.end()) moves[it->second].other_slot = sp.slot;
    if (auto it = open.find(key(sp.person, sp.start, false)); it != open.end()) moves[it->second].other_slot = sp.slot;
  }
}

}  // namespace danso::analytics
