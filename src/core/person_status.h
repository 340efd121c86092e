// A person's status on any day, from the register's facts: the residence
// spells (core/residence.h, derived from registration, moves and death) and
// the events naming the person. What the register's pages, searches and
// pickers show, by the same rules as the figures: residence from the
// spells, marital status by core/marital.h.
//
//  - standing: dead from the day of their death; else, on a day a spell
//    covers, the residence status the register holds (permanent, temporary,
//    absent); moved out after their last spell ended (out of the area); not
//    yet registered before their first spell;
//  - household and village: of the spell covering the day, else of the one
//    they lived in last (place_on), else none;
//  - marital status: the register's status, changed on each later day by a
//    marriage (married; the spouse may be one outside the register, named
//    on the slip only), a divorce (divorced) and the death of the spouse
//    (widowed; a spouse outside the register has no death in it), the events
//    up to and including the day;
//  - history: the events naming the person (as subject or related person:
//    a mother's births, a spouse's marriage), by date then id.
//
//   auto st = person_status_on(person, spells, events, Date::parse("2026-01-01").value());
//   if (st.standing == Standing::kDead) ...  // st.since: the day of death
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/event.h"
#include "core/residence.h"

namespace danso {

enum class Standing { kPermanent, kTemporary, kAbsent, kMovedOut, kDead, kNotYet };
inline constexpr EnumCodec<Standing, 6> kStandings{{{
    {Standing::kPermanent, "permanent", "thường trú"},
    {Standing::kTemporary, "temporary", "tạm trú"},
    {Standing::kAbsent, "absent", "tạm vắng"},
    {Standing::kMovedOut, "moved_out", "đã chuyển đi"},
    {Standing::kDead, "dead", "đã chết"},
    {Standing::kNotYet, "not_yet", "chưa vào sổ"},
}}};

// The events a person's status reads besides the residence spells: a
// marriage, a divorce, a death (their own, or a spouse's for widowhood).
inline bool status_reads(EventType t) {
  return t == EventType::kMarriage || t == EventType::kDivorce || t == EventType::kDeath;
}

// Whether a person of that standing lives in the area that day.
inline bool lives_here(Standing s) {
  return s == Standing::kPermanent || s == Standing::kTemporary || s == Standing::kAbsent;
}

struct PersonStatus {
  Date on;
  Standing standing = Standing::kPermanent;
  std::optional<Date> since;  // dead: the day of death; moved out: the day the last spell ended
  MaritalStatus marital = MaritalStatus::kSingle;
  HouseholdId household;      // lived in that day (or last); invalid with no spell
  UnitId village;
};

// `spells`: the person's spells (any order); `events`: the events naming the
// person, and the deaths of the persons they married (for widowhood), any
// order. Events after `on` are not read.
PersonStatus person_status_on(const Person& person, std::span<const ResidenceSpell> spells,
                              std::span<const VitalEvent> events, Date on);

// The events in `events` that name `person` (subject or related), by date
// then id: the person's history.
std::vector<VitalEvent> person_history(PersonId person, std::span<const VitalEvent> events);

}  // namespace danso
