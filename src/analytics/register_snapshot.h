// RegisterSnapshot: the register as dense columns for counting. Persons,
// residence spells and events are loaded once into flat arrays of small
// integers (days since 1970, dense indexes), so a recompute of every
// indicator for every unit is a few passes over memory, not a query per unit.
//
//   RegisterSnapshot snap = RegisterSnapshot::load(store);
//   UnitCounts c = count_period(snap, period)   (see base_counts.h)
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/id_index.h"
#include "core/unit_tree.h"
#include "store/store.h"

namespace danso::analytics {

inline constexpr int32_t kOpenEnd = std::numeric_limits<int32_t>::max();

struct SnapshotSpell {
  int32_t person;   // dense person index
  int32_t slot;     // unit slot of the village
  int32_t start;    // day number, inclusive
  int32_t end;      // day number, exclusive; kOpenEnd while open
  // The person's sex and birthday, copied here so that counting streams
  // through the spells without visiting the person columns.
  int16_t birth_year = 0;
  uint16_t birth_md = 0;  // month * 32 + day
  uint8_t female = 0;
  uint8_t married_now = 0;  // the register's current marital status is married
  // The person's state marks (marital status, contraception) by date:
  // RegisterSnapshot::marks[mark_begin, +mark_count).
  uint16_t mark_count = 0;
  uint32_t mark_begin = 0;
  int32_t household = -1;  // the household's dense index (RegisterSnapshot::household_id)
};

struct SnapshotEvent {
  int32_t date;
  int32_t slot;      // unit slot of the village
  int32_t person;    // dense person index, -1 when unknown
  int32_t related;   // dense person index, -1 when none
  EventType type;
  uint8_t birth_order;
  int8_t method;     // ContraceptiveMethod, -1 when none
  uint8_t conditions;
  bool child_marriage;
  bool consanguineous;
  // Derived when the snapshot is indexed, so that counting the events of a
  // period reads nothing else: the person's sex and completed age on the
  // day (0..100), the mother's age at a birth (kNoAge when unknown), and
  // for a birth whether the mother was screened (>= 4 conditions in the 300
  // days before) and the child as a newborn (>= 5), and whether it is the
  // first birth of a delivery (kDelivery: twins born to one mother on the
  // same day or the next are one delivery, counted on the first of them) and
  // that delivery brought a child of order 3 or higher (kDeliveryOrder3plus,
  // on the first birth); for a marriage how many of the two were counselled
  // in the 365 days before.
  uint8_t female = 0;
  uint8_t age = 0;
  uint8_t mother_age = 255;
  uint8_t facts = 0;  // birth: kPrenatalScreened4 | kNewbornScreened5 | kDelivery | kDeliveryOrder3plus; marriage: counselled << 2
  static constexpr uint8_t kNoAge = 255, kPrenatalScreened4 = 1, kNewbornScreened5 = 2, kDelivery = 4,
                           kDeliveryOrder3plus = 8;
};

// A dated fact about one person that a count on some day needs to look back
// at: marital status, the contraceptive method in use, the last premarital
// counselling and prenatal screening of at least four conditions.
struct PersonMark {
  enum Kind : uint8_t { kMarital, kContraception, kCounselling, kPrenatal4 };
  int32_t date;
  Kind kind;
  int8_t value;  // kMarital: 1 married, 0 not; kContraception: method, -1 none
};

// A death, for life tables over several years (RegisterSnapshot::deaths).
struct SnapshotDeath {
  int32_t date;
  uint8_t female;
  uint8_t age;  // completed years at death, 100 for 100+
};

// A stretch of days during which a household has at least one resident: the
// union of its members' residence spells (RegisterSnapshot::household_spans,
// by village slot, then household and start).
struct HouseholdSpan {
  int32_t start;  // day number, inclusive
  int32_t end;    // day number, exclusive; kOpenEnd while open
};

// A residence spell of a temporary resident (tạm trú), by slot: counted
// apart, so that the population on the last day can be the permanent
// residents' (dân số thường trú).
struct TemporarySpell {
  int32_t slot, start, end;  // as SnapshotSpell
  uint8_t female;
};

// A move in or out whose other end is a village or unit of the register: the
// village the person lived in the day before a move in (or moves to the same
// day after a move out), else the unit the slip names as counterpart. Such a
// move crosses no boundary of the units holding both ends, so it is not
// counted as a move in or out of them (count_period takes it off).
struct SnapshotMove {
  int32_t date;
  int32_t slot;        // the village recording the move
  int32_t other_slot;  // the unit at the other end
  int32_t person;      // dense person index, -1 when unknown
  uint8_t in;          // 1: move_in, 0: move_out
};

// Whether the indicators read events of this type: every type but the
// elderly health checks and health-insurance cards, which no indicator counts.
// The snapshot keeps only these, and a slip of another type leaves it current.
constexpr bool indicators_read(EventType type) {
  return type != EventType::kElderlyHealthCheck && type != EventType::kHealthInsuranceCard;
}

struct RegisterSnapshot {
  UnitTree tree;
  std::vector<UnitId> slot_unit;                  // slot -> unit
  std::unordered_map<int64_t, int32_t> unit_slot;  // unit id -> slot

  std::vector<int64_t> person_id;
  // Each person's yes-or-no facts, one byte a person (PersonFlag bits):
  // a woman; married as the register has it now (used when no event says
  // otherwise); a temporary resident (tạm trú) as the register has it now;
  // screened as a newborn for >= 5 conditions (derived); named by a move of
  // local_moves (derived; a write sets it for the moves it adds and leaves
  // it on when it takes one away, so a person without it has none there and
  // a slip for them need not read the moves: snapshot_update.cpp).
  enum PersonFlag : uint8_t { kFemale = 1, kMarriedNow = 2, kTemporary = 4, kNewborn5 = 8, kLocalMoves = 16 };
  std::vector<uint8_t> person_flags;
  uint8_t flag(int32_t p, PersonFlag f) const { return (person_flags[size_t(p)] & f) ? 1 : 0; }
  void set_flag(int32_t p, PersonFlag f, bool on) {
    uint8_t& v = person_flags[size_t(p)];
    v = on ? uint8_t(v | f) : uint8_t(v & ~f);
  }
  uint8_t female(int32_t p) const { return flag(p, kFemale); }
  std::vector<int16_t> birth_year;   // civil birth date, for ages:
  std::vector<uint16_t> birth_md;    // month * 32 + day of birth

  // By slot; within a slot by sex, birth year, person and start, so that
  // counting meets the women of an age together.
  std::vector<SnapshotSpell> spells;
  // Households by dense index (SnapshotSpell::household): their ids, and
  // the index of each id.
  std::vector<int64_t> household_id;
  IdIndex<int32_t> household_index;
  // Person id -> dense index (derived).
  IdIndex<int32_t> person_index;
  // Loaded by date, then id (from a SnapshotBuilder: so batch by batch,
  // each person's events all in one batch); once indexed (index_snapshot),
  // by slot, then date and id, so that a village's events are counted with
  // its spells.
  std::vector<SnapshotEvent> events;

  // Derived when the snapshot is built (index_snapshot):
  std::vector<uint32_t> mark_begin;    // person -> first of their marks
  std::vector<uint16_t> mark_count;    // person -> how many
  // Each person's marks: the states (marital, contraception) by date, then
  // the others by date; the persons in the order of their first spell (by
  // village), so that counting reads them in passing.
  std::vector<PersonMark> marks;
  std::vector<uint32_t> slot_spells;   // slot -> first of its spells (size slots + 1)
  std::vector<uint32_t> slot_events;   // slot -> first of its events (size slots + 1)
  // The deaths among the events, by slot then date, for life tables pooled
  // over years: found without reading the years' other events.
  std::vector<SnapshotDeath> deaths;
  std::vector<uint32_t> slot_deaths;   // slot -> first of its deaths (size slots + 1)
  // Households with a resident, by slot (then household and start): the
  // households of a village on a day (the reports' first column).
  std::vector<HouseholdSpan> household_spans;
  std::vector<uint32_t> slot_household_spans;  // slot -> first of its spans (size slots + 1)
  // The spells of temporary residents, by slot (derived).
  std::vector<TemporarySpell> temporary_spells;
  std::vector<uint32_t> slot_temporary_spells;  // slot -> first of them (size slots + 1)
  // The moves whose other end is in the register, by date (see SnapshotMove).
  // Loaded with every move and the unit its counterpart names; index_snapshot
  // finds the other ends from the spells and keeps those in the register.
  std::vector<SnapshotMove> local_moves;
  // The days of the first and last event (none when there are no events).
  std::optional<int32_t> first_event_day, last_event_day;

  // Completed years of age of person p on a day given as (year, month*32+day).
  int age_on(int32_t p, int year, int md) const {
    return year - birth_year[size_t(p)] - (md < birth_md[size_t(p)] ? 1 : 0);
  }
  // The last mark of `kind` on or before `day` (nullptr when none); `m`
  // holds marks of several kinds, each kind by date.
  const PersonMark* last_mark(int32_t p, PersonMark::Kind kind, int32_t day) const {
    return last_mark(marks.data() + mark_begin[size_t(p)], mark_count[size_t(p)], kind, day);
  }
  static const PersonMark* last_mark(const PersonMark* m, size_t n, PersonMark::Kind kind, int32_t day);
  // Whether the person was married on `day`: their last marital event on or
  // before it; else, before their first one after it; else the register's
  // current status (`married_now`).
  static bool married_on(const PersonMark* m, size_t n, int32_t day, bool married_now);
  bool married_on(int32_t p, int32_t day) const {
    return married_on(marks.data() + mark_begin[size_t(p)], mark_count[size_t(p)], day, flag(p, kMarriedNow) != 0);
  }

  // Reads the register in one read transaction of `store` (a consistent
  // moment, without blocking writers on other connections) and indexes it.
  static RegisterSnapshot load(Store& store);
  // The dense index of household `id`, added when new.
  int32_t household_of(int64_t id);
  int32_t person_of(int64_t id) const {
    const int32_t* i = person_index.find(id);
    return i ? *i : -1;
  }
  int32_t slot_of(UnitId u) const {
    auto it = unit_slot.find(u.value);
    return it == unit_slot.end() ? -1 : it->second;
  }

 private:
  static void read_register(Store& store, RegisterSnapshot& s);
};

inline const PersonMark* RegisterSnapshot::last_mark(const PersonMark* m, size_t n, PersonMark::Kind kind, int32_t day) {
  const PersonMark* found = nullptr;
  for (size_t i = 0; i < n; ++i)
    if (m[i].kind == kind && m[i].date <= day) found = &m[i];
  return found;
}

inline bool RegisterSnapshot::married_on(const PersonMark* m, size_t n, int32_t day, bool married_now) {
  for (size_t i = n; i-- > 0;)
    if (m[i].kind == PersonMark::kMarital && m[i].date <= day) return m[i].value == 1;
  // No marital event up to the day: the first one after it tells the state
  // before it (a marriage: not married; a divorce: married).
  for (size_t i = 0; i < n; ++i)
    if (m[i].kind == PersonMark::kMarital) return m[i].value == 0;
  return married_now;
}

// A person's marital status and contraceptive method (-1: none) on a day,
// from a spell's state marks (`m`, by date), by the rules of married_on and
// last_mark. states_on reads them for two days, first <= second, in one
// pass over the marks (the counting pass asks the middle and the last day
// of a period of every woman of 15-49); state_on for one.
struct StateOnDay {
  bool married;
  int8_t method;
};
struct StatesOnTwoDays {
  StateOnDay first, second;
};
inline StatesOnTwoDays states_on(const PersonMark* m, size_t n, int32_t first, int32_t second, bool married_now) {
  StatesOnTwoDays st{{married_now, -1}, {married_now, -1}};
  bool seen_first = false, seen_second = false;
  size_t i = 0;
  for (; i < n && m[i].date <= first; ++i) {
    if (m[i].kind == PersonMark::kMarital) st.first.married = m[i].value == 1, seen_first = true;
    else st.first.method = m[i].value;
  }
  const size_t after_first = i;
  st.second = st.first;
  seen_second = seen_first;
  for (; i < n && m[i].date <= second; ++i) {
    if (m[i].kind == PersonMark::kMarital) st.second.married = m[i].value == 1, seen_second = true;
    else st.second.method = m[i].value;
  }
  // No marital mark yet: the status before the first one to come.
  if (!seen_first)
    for (size_t k = after_first; k < n; ++k)
      if (m[k].kind == PersonMark::kMarital) {
        st.first.married = m[k].value == 0;
        break;
      }
  if (!seen_second)
    for (; i < n; ++i)
      if (m[i].kind == PersonMark::kMarital) {
        st.second.married = m[i].value == 0;
        break;
      }
  return st;
}
inline StateOnDay state_on(const PersonMark* m, size_t n, int32_t day, bool married_now) {
  return states_on(m, n, day, day, married_now).first;
}

// Fills the derived columns above from persons, spells and events.
void index_snapshot(RegisterSnapshot& s);
// Pieces of it, also used to update a snapshot in place (snapshot_update.h):
// spells in counting order (by slot; open ones first, then by end, latest first; then by sex, start, birth
// year and person: the spells counted the same way for a period lie together); the
// marks of `persons` from `events` (by date, then id; `only`: the persons
// whose marks they give, sorted, null for all) placed after the snapshot's
// marks (states_of[i]: how many of persons[i]'s are states, which spells
// refer to); the
// temporary residents' spells; events by slot into slot_events, deaths and
// slot_deaths.
void sort_slot_spells(std::span<SnapshotSpell> spells);
void place_marks(RegisterSnapshot& s, std::span<const SnapshotEvent> events,
                 const std::unordered_map<size_t, int32_t>& widowed, std::span<const int32_t> persons,
                 const std::vector<int32_t>* only, std::vector<uint16_t>& states_of);
void index_temporary_spells(RegisterSnapshot& s);
void index_event_slots(RegisterSnapshot& s);

// Builds the snapshot from in-memory parts (tests, and the loader itself).
RegisterSnapshot build_snapshot(std::vector<OrgUnit> units, std::vector<UnitLink> links,
                                const std::vector<Person>& persons, const std::vector<ResidenceSpell>& spells,
                                const std::vector<EventFacts>& events);

// Builds the snapshot batch by batch from records in memory, without a
// database (the national register of bench/national, made part by part):
// what RegisterSnapshot::load gives for the same register. Every unit of the
// register comes first, villages included; then each batch: its persons (ids
// ascending, above every earlier batch's), their residence spells, and their
// events by date, then id. A batch's spells and events name only its own
// persons (any other counts as unknown), so that each person's events are
// all in one batch and index_snapshot may read the events batch by batch.
//
//   SnapshotBuilder b(units, links);
//   for (each part) b.add(part.persons, part.spells, part.events);
//   RegisterSnapshot snap = b.finish();
class SnapshotBuilder {
 public:
  SnapshotBuilder(std::vector<OrgUnit> units, std::vector<UnitLink> links);
  // Room for the whole register, so that the columns grow no further.
  void reserve(size_t persons, size_t spells, size_t events);
  void add(std::span<const Person> persons, std::span<const ResidenceSpell> spells, std::span<const VitalEvent> events);
  // Indexes the snapshot (index_snapshot) and hands it over.
  RegisterSnapshot finish();

 private:
  RegisterSnapshot s_;
  IdIndex<int32_t> slots_;  // unit id -> slot
};

}  // namespace danso::analytics
