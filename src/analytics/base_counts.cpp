#include "analytics/base_counts.h"

#include <algorithm>

namespace danso::analytics {

namespace {

struct Ymd {
  int y, m, d;
};
Ymd ymd_of(int32_t day) {
  Ymd r{};
  civil_from_days(day, r.y, r.m, r.d);
  return r;
}

inline int age_at(const RegisterSnapshot& s, int32_t p, const Ymd& on) {
  int a = on.y - s.birth_year[p];
  if (on.m < s.birth_month[p] || (on.m == s.birth_month[p] && on.d < s.birth_day[p])) --a;
  return a;
}

inline int clamp_age(int a) { return a < 0 ? 0 : (a >= kAges ? kAges - 1 : a); }

// The day of the person's birthday in year y (29 February -> 1 March in common years).
inline int32_t birthday_in(const RegisterSnapshot& s, int32_t p, int y) {
  int m = s.birth_month[p], d = s.birth_day[p];
  if (m == 2 && d == 29 && !is_leap_year(y)) m = 3, d = 1;
  return days_from_civil(y, m, d);
}

// Adds the person-years of [from, to) to `py`, split at birthdays.
void add_person_years(const RegisterSnapshot& s, int32_t p, int32_t from, int32_t to, std::array<double, kAges>& py) {
  Ymd x = ymd_of(from);
  int age = age_at(s, p, x);
  int32_t at = from;
  int year = x.y;
  int32_t next = birthday_in(s, p, year);
  if (next <= at) next = birthday_in(s, p, ++year);
  while (at < to) {
    const int32_t stop = std::min(next, to);
    py[clamp_age(age)] += (stop - at) / 365.25;
    at = stop;
    ++age;
    next = birthday_in(s, p, ++year);
  }
}

}  // namespace

void UnitCounts::add(const UnitCounts& o) {
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) {
      pop_start[s][a] += o.pop_start[s][a];
      pop_mid[s][a] += o.pop_mid[s][a];
      pop_end[s][a] += o.pop_end[s][a];
      person_years[s][a] += o.person_years[s][a];
      deaths[s][a] += o.deaths[s][a];
    }
  for (int s = 0; s < 2; ++s) births[s] += o.births[s];
  for (int a = 0; a < kAges; ++a) births_by_mother_age[a] += o.births_by_mother_age[a];
  for (int m = 0; m < kMethods; ++m) new_acceptors[m] += o.new_acceptors[m];
  births_order1 += o.births_order1, births_order2 += o.births_order2, births_order3plus += o.births_order3plus;
  births_mother_under20 += o.births_mother_under20;
  births_prenatal_screened4 += o.births_prenatal_screened4;
  births_newborn_screened5 += o.births_newborn_screened5;
  married_women_15_49 += o.married_women_15_49;
  cp_users_any += o.cp_users_any, cp_users_modern += o.cp_users_modern;
  marriages += o.marriages, child_marriages += o.child_marriages;
  consanguineous_marriages += o.consanguineous_marriages, divorces += o.divorces;
  persons_marrying += o.persons_marrying, persons_marrying_counselled += o.persons_marrying_counselled;
  moves_in += o.moves_in, moves_out += o.moves_out;
  pregnancies += o.pregnancies, adolescent_pregnancies += o.adolescent_pregnancies;
  prenatal_screenings += o.prenatal_screenings, newborn_screenings += o.newborn_screenings;
  premarital_counsellings += o.premarital_counsellings;
}

int64_t UnitCounts::population_end() const {
  int64_t n = 0;
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) n += pop_end[s][a];
  return n;
}

int64_t UnitCounts::population_mid() const {
  int64_t n = 0;
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) n += pop_mid[s][a];
  return n;
}

int32_t rollup_parent(const RegisterSnapshot& snap, int32_t slot, Date on) {
  const OrgUnit* u = snap.tree.find(snap.slot_unit[size_t(slot)]);
  if (!u) return -1;
  if (!u->valid_on(on))
    for (const UnitLink* l : snap.tree.successors(u->id))
      if (l->type == UnitLinkType::kFull) return snap.slot_of(l->to);
  return u->parent.valid() ? snap.slot_of(u->parent) : -1;
}

std::vector<UnitCounts> count_period(const RegisterSnapshot& s, const Period& period) {
  const size_t slots = s.slot_unit.size();
  std::vector<UnitCounts> c(slots);
  const int32_t A = period.first.days(), B = period.last.days(), M = period.middle().days();
  const Ymd ya = ymd_of(A), ym = ymd_of(M), yb = ymd_of(B);

  // Residence: population on three days and person-years, one pass over spells.
  for (const SnapshotSpell& sp : s.spells) {
    UnitCounts& u = c[size_t(sp.slot)];
    const int sex = s.female[size_t(sp.person)];
    if (sp.start <= A && A < sp.end) ++u.pop_start[sex][clamp_age(age_at(s, sp.person, ya))];
    if (sp.start <= M && M < sp.end) ++u.pop_mid[sex][clamp_age(age_at(s, sp.person, ym))];
    if (sp.start <= B && B < sp.end) ++u.pop_end[sex][clamp_age(age_at(s, sp.person, yb))];
    const int32_t from = std::max(sp.start, A), to = std::min(sp.end, B + 1);
    if (from < to) add_person_years(s, sp.person, from, to, u.person_years[sex]);
  }

  // States on the middle day, from every event up to it: marital status and
  // the contraceptive method in use. Dates of the last screenings and
  // counselling per person, for the coverage of births and marriages.
  const size_t persons = s.person_id.size();
  std::vector<int8_t> married(persons, -1);   // -1: no event yet (use married_now)
  std::vector<int8_t> method(persons, -1);
  std::vector<int32_t> last_counselling(persons, INT32_MIN), last_prenatal4(persons, INT32_MIN);
  std::vector<uint8_t> newborn5(persons, 0);
  for (const SnapshotEvent& e : s.events)
    if (e.type == EventType::kNewbornScreening && e.conditions >= 5 && e.person >= 0) newborn5[size_t(e.person)] = 1;
  // For people with no marital event up to the middle day: 1 when their first
  // one after it is a marriage (so they were not married then), 2 a divorce.
  std::vector<uint8_t> first_after(persons, 0);
  for (const SnapshotEvent& e : s.events) {
    if (e.date > M && (e.type == EventType::kMarriage || e.type == EventType::kDivorce))
      for (int32_t q : {e.person, e.related})
        if (q >= 0 && married[size_t(q)] == -1 && first_after[size_t(q)] == 0)
          first_after[size_t(q)] = e.type == EventType::kMarriage ? 1 : 2;
    if (e.date <= M && e.person >= 0) {
      const auto p = size_t(e.person);
      switch (e.type) {
        case EventType::kMarriage:
          married[p] = 1;
          if (e.related >= 0) married[size_t(e.related)] = 1;
          break;
        case EventType::kDivorce:
          married[p] = 0;
          if (e.related >= 0) married[size_t(e.related)] = 0;
          break;
        case EventType::kContraceptionStart:
        case EventType::kContraceptionChange:
          method[p] = e.method;
          break;
        case EventType::kContraceptionStop:
          method[p] = -1;
          break;
        default:
          break;
      }
    }
    if (e.date > B) continue;
    if (e.person < 0 || e.slot < 0) continue;
    const auto p = size_t(e.person);
    if (e.type == EventType::kPremaritalCounselling) last_counselling[p] = e.date;
    if (e.type == EventType::kPrenatalScreening && e.conditions >= 4) last_prenatal4[p] = e.date;
    if (e.date < A) continue;
    UnitCounts& u = c[size_t(e.slot)];
    switch (e.type) {
      case EventType::kBirth: {
        ++u.births[s.female[p]];
        if (e.birth_order == 1) ++u.births_order1;
        else if (e.birth_order == 2) ++u.births_order2;
        else if (e.birth_order >= 3) ++u.births_order3plus;
        if (e.related >= 0) {
          const int mage = clamp_age(age_at(s, e.related, ymd_of(e.date)));
          ++u.births_by_mother_age[mage];
          if (mage < 20) ++u.births_mother_under20;
          if (last_prenatal4[size_t(e.related)] >= e.date - 300) ++u.births_prenatal_screened4;
        }
        if (newborn5[p]) ++u.births_newborn_screened5;
        break;
      }
      case EventType::kDeath:
        ++u.deaths[s.female[p]][clamp_age(age_at(s, e.person, ymd_of(e.date)))];
        break;
      case EventType::kMarriage: {
        ++u.marriages;
        if (e.child_marriage) ++u.child_marriages;
        if (e.consanguineous) ++u.consanguineous_marriages;
        for (int32_t q : {e.person, e.related}) {
          if (q < 0) continue;
          ++u.persons_marrying;
          if (last_counselling[size_t(q)] >= e.date - 365) ++u.persons_marrying_counselled;
        }
        break;
      }
      case EventType::kDivorce: ++u.divorces; break;
      case EventType::kMoveIn: ++u.moves_in; break;
      case EventType::kMoveOut: ++u.moves_out; break;
      case EventType::kPregnancy:
        ++u.pregnancies;
        if (age_at(s, e.person, ymd_of(e.date)) < 20) ++u.adolescent_pregnancies;
        break;
      case EventType::kPrenatalScreening: ++u.prenatal_screenings; break;
      case EventType::kNewbornScreening: ++u.newborn_screenings; break;
      case EventType::kPremaritalCounselling: ++u.premarital_counsellings; break;
      case EventType::kContraceptionStart:
        if (e.method >= 0 && e.method < kMethods) ++u.new_acceptors[size_t(e.method)];
        break;
      default:
        break;
    }
  }

  // Married women 15-49 living in each village on the middle day, and users.
  for (const SnapshotSpell& sp : s.spells) {
    const auto p = size_t(sp.person);
    if (!s.female[p] || !(sp.start <= M && M < sp.end)) continue;
    const int age = age_at(s, sp.person, ym);
    if (age < 15 || age > 49) continue;
    const bool is_married = married[p] == 1 || (married[p] == -1 && (first_after[p] == 2 || (s.married_now[p] && first_after[p] != 1)));
    if (!is_married) continue;
    UnitCounts& u = c[size_t(sp.slot)];
    ++u.married_women_15_49;
    if (method[p] >= 0) {
      ++u.cp_users_any;
      if (method[p] != int(ContraceptiveMethod::kTraditional)) ++u.cp_users_modern;
    }
  }

  // Roll up: children before parents (deepest first).
  std::vector<int> depth(slots, 0);
  std::vector<int32_t> parent(slots, -1);
  for (size_t i = 0; i < slots; ++i) parent[i] = rollup_parent(s, int32_t(i), period.last);
  for (size_t i = 0; i < slots; ++i) {
    int d = 0;
    for (int32_t q = parent[i]; q >= 0 && d < 64; q = parent[size_t(q)]) ++d;
    depth[i] = d;
  }
  std::vector<size_t> order(slots);
  for (size_t i = 0; i < slots; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return depth[a] > depth[b]; });
  for (size_t i : order)
    if (parent[i] >= 0) c[size_t(parent[i])].add(c[i]);
  return c;
}

}  // namespace danso::analytics
