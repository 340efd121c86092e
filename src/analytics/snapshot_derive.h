// What a RegisterSnapshot derives from its persons, spells and events, in
// pieces that work on the whole register (index_snapshot) or on the records
// of a few persons (apply_person_group, snapshot_update.h): the marks of each
// person (marital status, contraception, counselling, screening), the facts
// each event carries (the person's sex and age, the mother's, the screening
// before a birth, the delivery, the counselling before a marriage), the
// households' spans of residence in a village, and the moves whose other end
// lies in the register.
//
//   const auto widowed = spouse_deaths(events);          // events by date, then id
//   each_mark(events, widowed, [&](int32_t p, const PersonMark& m) { ... });
//   derive_event_facts(snap, events);
#pragma once

#include <span>
#include <unordered_map>
#include <vector>

#include "analytics/register_snapshot.h"

namespace danso::analytics {

// The surviving spouse of each death among `events` (by its index there),
// from the marriages and divorces among them: a death ends the marriage of
// the spouse who survives (a widow is not married from that day). `events`
// by date, then id.
std::unordered_map<size_t, int32_t> spouse_deaths(std::span<const SnapshotEvent> events);

// Whether a mark is a state (marital status, contraception) rather than a
// dated fact (counselling, screening).
inline bool is_state_mark(const PersonMark& m) {
  return m.kind == PersonMark::kMarital || m.kind == PersonMark::kContraception;
}

// Calls fn(person, mark) for every mark the events give, in their order.
template <typename Fn>
void each_mark(std::span<const SnapshotEvent> events, const std::unordered_map<size_t, int32_t>& widowed, Fn fn) {
  for (size_t i = 0; i < events.size(); ++i) {
    const SnapshotEvent& e = events[i];
    if (e.person < 0) continue;
    switch (e.type) {
      case EventType::kDeath:
        if (const auto w = widowed.find(i); w != widowed.end()) fn(w->second, PersonMark{e.date, PersonMark::kMarital, 0});
        break;
      case EventType::kMarriage:
      case EventType::kDivorce: {
        const int8_t v = e.type == EventType::kMarriage ? 1 : 0;
        fn(e.person, PersonMark{e.date, PersonMark::kMarital, v});
        if (e.related >= 0) fn(e.related, PersonMark{e.date, PersonMark::kMarital, v});
        break;
      }
      case EventType::kContraceptionStart:
      case EventType::kContraceptionChange:
        fn(e.person, PersonMark{e.date, PersonMark::kContraception, e.method});
        break;
      case EventType::kContraceptionStop:
        fn(e.person, PersonMark{e.date, PersonMark::kContraception, -1});
        break;
      case EventType::kPremaritalCounselling:
        fn(e.person, PersonMark{e.date, PersonMark::kCounselling, 0});
        break;
      case EventType::kPrenatalScreening:
        if (e.conditions >= 4) fn(e.person, PersonMark{e.date, PersonMark::kPrenatal4, 0});
        break;
      default:
        break;
    }
  }
}

// Sets the derived fields of `events` (by date, then id): the person's sex
// and age on the day, and for a birth the mother's age, her screening in
// the 300 days before, the child's newborn screening and the delivery (the
// births of one mother on the same day or the next are one, marked on the
// first); for a marriage how many of the two were counselled in the 365
// days before. Reads the snapshot's person columns (kNewborn5 among the flags) and marks,
// which must be current for every person the events name.
void derive_event_facts(const RegisterSnapshot& s, std::span<SnapshotEvent> events);

// The spans of residence of the households among `spells` (one village's,
// sorted by household, then start), appended to `out`: the union of each
// household's spells.
void household_spans_of(std::span<const SnapshotSpell> spells, std::vector<HouseholdSpan>& out);

// The snapshot's record of a slip (dense person indexes, the village's slot).
SnapshotEvent snapshot_event(const RegisterSnapshot& s, const EventFacts& e, int32_t person, int32_t related);

// A move to local_moves with the slot of the unit its counterpart names on
// its day (-1: none, or outside the register); other moves are ignored.
void add_move(RegisterSnapshot& s, const EventFacts& e, int32_t person);

// The other ends of `moves` (by person, day and direction) from `spells`:
// the village of the person's spell ending on a move in's day, or starting
// on a move out's day.
void pair_moves(std::span<SnapshotMove> moves, std::span<const SnapshotSpell> spells);

}  // namespace danso::analytics
