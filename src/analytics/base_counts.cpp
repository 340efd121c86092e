#include "analytics/base_counts.h"

#include <algorithm>
#include <optional>
#include <thread>

namespace danso::analytics {

namespace {

// Day of the year (0-based) of month*32+day in a common [0] and a leap [1]
// year; 29 February falls on 1 March in common years.
struct DayOfYear {
  std::array<std::array<int16_t, 13 * 32>, 2> t{};
  DayOfYear() {
    static constexpr int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int leap = 0; leap < 2; ++leap) {
      int before = 0;
      for (int m = 1; m <= 12; ++m) {
        const int n = len[m - 1] + (m == 2 && leap ? 1 : 0);
        for (int d = 1; d <= 31; ++d) t[size_t(leap)][size_t(m * 32 + d)] = int16_t(before + std::min(d, n + 1) - 1);
        before += n;
      }
    }
  }
};
const DayOfYear kDayOfYear;

inline int clamp_age(int a) { return a < 0 ? 0 : (a >= kAges ? kAges - 1 : a); }

// The calendar years a range of days touches, with their first days and
// leap flags, so that splitting a spell at birthdays needs no date
// conversion.
struct YearTable {
  int first_year = 0;
  std::vector<int32_t> start;  // first day of each year, and of the year after the last
  std::vector<uint8_t> leap;
  YearTable(int32_t from, int32_t to_inclusive) {
    int y, m, d;
    civil_from_days(from, y, m, d);
    first_year = y;
    for (;; ++y) {
      start.push_back(days_from_civil(y, 1, 1));
      leap.push_back(is_leap_year(y) ? 1 : 0);
      if (start.back() > to_inclusive) break;
    }
  }
  // The year holding `day` (within the table's range).
  size_t index_of(int32_t day) const {
    size_t i = 0;
    while (i + 1 < start.size() && start[i + 1] <= day) ++i;
    return i;
  }
};

// Adds the person-years of [from, to) to `py` by single year of age, split
// at the person's birthdays.
inline void add_person_years(const SnapshotSpell& sp, int32_t from, int32_t to, const YearTable& yt,
                             std::array<double, kAges>& py) {
  constexpr double kYear = 1 / 365.25;
  const int by = sp.birth_year;
  const size_t md = sp.birth_md;
  for (size_t i = yt.index_of(from); from < to; ++i) {
    const int year = yt.first_year + int(i);
    const int32_t year_end = std::min(yt.start[i + 1], to);
    const int32_t birthday = yt.start[i] + kDayOfYear.t[yt.leap[i]][md];
    if (from < birthday) {
      const int32_t stop = std::min(birthday, year_end);
      py[size_t(clamp_age(year - by - 1))] += (stop - from) * kYear;
      from = stop;
    }
    if (from < year_end) {
      py[size_t(clamp_age(year - by))] += (year_end - from) * kYear;
      from = year_end;
    }
  }
}

// Person-years of spells that cover whole calendar years [y0, y1), without
// splitting each spell at birthdays: such a person lives, in a year y,
// doy(birthday) days at age y-by-1 and the rest of the year at age y-by, so
// it is enough to count, per slot, sex and birth cohort, the persons (n), the
// sum of their birthdays' day of the (common) year (doy), and how many were
// born after February (late: their birthday is a day later in leap years).
// Spells that start or end inside the years are split one by one.
class WholeYears {
 public:
  // One per worker: the cells of the slot being counted (spells come by
  // slot), added to the slot's person-years by flush().
  WholeYears(const YearTable& yt, int32_t from, int32_t to_exclusive) {
    const size_t i0 = yt.index_of(from), i1 = yt.index_of(to_exclusive - 1) + 1;
    if (yt.start[i0] != from || yt.start[i1] != to_exclusive) return;
    y0_ = yt.first_year + int(i0);
    y1_ = yt.first_year + int(i1);
    cohorts_ = kAges + (y1_ - y0_) + 1;
    cells_.assign(2 * size_t(cohorts_), Cell{});
  }
  bool usable() const { return !cells_.empty(); }
  int end_year() const { return y1_; }

  // Adds the cells of `o`, which ends the same year and covers at least as
  // many: its spells cover these years too (cohorts past this set's oldest
  // are counted in it, as add() would).
  void add_cells(const WholeYears& o) {
    if (!o.touched_) return;
    for (int sex = 0; sex < 2; ++sex)
      for (int c = 0; c < o.cohorts_; ++c) {
        const Cell& x = o.cells_[size_t(sex) * size_t(o.cohorts_) + size_t(c)];
        if (x.n == 0) continue;
        Cell& y = cells_[size_t(sex) * size_t(cohorts_) + size_t(std::min(c, cohorts_ - 1))];
        y.n += x.n;
        y.doy += x.doy;
        y.late += x.late;
      }
    touched_ = true;
  }

  void add(const SnapshotSpell& sp) {
    const int c = std::clamp(y1_ - 1 - sp.birth_year, 0, cohorts_ - 1);
    const size_t md = sp.birth_md;
    Cell& x = cells_[sp.female * size_t(cohorts_) + size_t(c)];
    ++x.n;
    x.doy += kDayOfYear.t[0][md];
    x.late += md >= 3 * 32 ? 1 : 0;
    touched_ = true;
  }

  // Adds the whole-year person-years counted since the last flush to `py`.
  void flush(AgeSexYears& py) {
    if (!touched_) return;
    constexpr double kYear = 1 / 365.25;
    for (int sex = 0; sex < 2; ++sex) {
      Cell* cell = &cells_[size_t(sex) * size_t(cohorts_)];
      for (int y = y0_; y < y1_; ++y) {
        const int leap = is_leap_year(y) ? 1 : 0, len = 365 + leap, back = y1_ - 1 - y;
        for (int c = 0; c < cohorts_; ++c) {
          const Cell& x = cell[c];
          if (x.n == 0) continue;
          const int64_t before = int64_t(x.doy) + int64_t(leap) * x.late;
          const int64_t after = int64_t(x.n) * len - before;
          py[size_t(sex)][size_t(clamp_age(c - back - 1))] += double(before) * kYear;
          py[size_t(sex)][size_t(clamp_age(c - back))] += double(after) * kYear;
        }
      }
    }
    std::fill(cells_.begin(), cells_.end(), Cell{});
    touched_ = false;
  }

 private:
  struct Cell {
    int32_t n = 0, doy = 0, late = 0;
  };
  int y0_ = 0, y1_ = 0, cohorts_ = 0;
  bool touched_ = false;
  std::vector<Cell> cells_;
};

// A day as (year, month*32+day) for age arithmetic.
struct YearMd {
  int year, md;
  explicit YearMd(int32_t day) {
    int m, d;
    civil_from_days(day, year, m, d);
    md = m * 32 + d;
  }
};

// Runs fn(w) for w in [0, workers), on threads when more than one.
template <typename Fn>
void run_workers(unsigned workers, Fn fn) {
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(fn, size_t(w));
  fn(size_t(0));
  for (auto& t : pool) t.join();
}

// Slot ranges [lo, hi) with about the same number of spells each.
std::vector<std::pair<size_t, size_t>> slot_ranges(const RegisterSnapshot& s, unsigned workers) {
  const size_t slots = s.slot_unit.size(), n = s.spells.size();
  std::vector<std::pair<size_t, size_t>> out;
  size_t lo = 0;
  for (unsigned w = 1; w <= workers; ++w) {
    size_t hi = slots;
    if (w < workers) {
      const auto it = std::lower_bound(s.slot_spells.begin(), s.slot_spells.end(), uint32_t(n * w / workers));
      hi = std::max(lo, size_t(it - s.slot_spells.begin()));
      hi = std::min(hi, slots);
    }
    out.emplace_back(lo, hi);
    lo = hi;
  }
  return out;
}

unsigned worker_count(unsigned requested, size_t work) {
  unsigned n = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  n = std::min(n, 16u);
  if (work < 200'000) n = 1;  // not worth a thread
  return n;
}

// Slots in roll-up order (deepest first) with their roll-up parents, and
// where each depth ends: a parent is complete once the depth below it is.
struct Rollup {
  std::vector<std::pair<size_t, int32_t>> pairs;  // (child, parent)
  std::vector<size_t> depth_end;
};

Rollup rollup_order(const RegisterSnapshot& s, Date on) {
  const size_t slots = s.slot_unit.size();
  std::vector<int32_t> parent(slots, -1);
  std::vector<int> depth(slots, 0);
  for (size_t i = 0; i < slots; ++i) parent[i] = rollup_parent(s, int32_t(i), on);
  for (size_t i = 0; i < slots; ++i) {
    int d = 0;
    for (int32_t q = parent[i]; q >= 0 && d < 64; q = parent[size_t(q)]) ++d;
    depth[i] = d;
  }
  std::vector<size_t> order(slots);
  for (size_t i = 0; i < slots; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return depth[a] > depth[b]; });
  Rollup out;
  for (size_t i : order) {
    if (parent[i] < 0) continue;
    if (!out.pairs.empty() && depth[out.pairs.back().first] != depth[i]) out.depth_end.push_back(out.pairs.size());
    out.pairs.emplace_back(i, parent[i]);
  }
  if (!out.pairs.empty()) out.depth_end.push_back(out.pairs.size());
  return out;
}

// Adds every child into its parent, add(child, parent), a depth at a time on
// `workers` threads. A parent belongs to one worker (its slot modulo the
// workers) and receives its children in the same order as on one thread, so
// the sums of person-years come out the same bit for bit.
template <typename Add>
void roll_up(const Rollup& r, unsigned workers, Add add) {
  size_t begin = 0;
  for (size_t end : r.depth_end) {
    const unsigned n = end - begin < 64 ? 1u : workers;
    run_workers(n, [&](size_t w) {
      for (size_t i = begin; i < end; ++i) {
        const auto [child, parent] = r.pairs[i];
        if (size_t(parent) % n == w) add(child, size_t(parent));
      }
    });
    begin = end;
  }
}

// Events dated in [from, to]: their index range (events are sorted by date).
std::pair<size_t, size_t> event_range(const RegisterSnapshot& s, int32_t from, int32_t to) {
  auto lo = std::lower_bound(s.events.begin(), s.events.end(), from,
                             [](const SnapshotEvent& e, int32_t d) { return e.date < d; });
  auto hi = std::upper_bound(lo, s.events.end(), to, [](int32_t d, const SnapshotEvent& e) { return d < e.date; });
  return {size_t(lo - s.events.begin()), size_t(hi - s.events.begin())};
}

}  // namespace

void LifeTableCounts::add(const LifeTableCounts& o) {
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) {
      deaths[size_t(s)][size_t(a)] += o.deaths[size_t(s)][size_t(a)];
      person_years[size_t(s)][size_t(a)] += o.person_years[size_t(s)][size_t(a)];
    }
}

int64_t LifeTableCounts::total_deaths() const {
  int64_t n = 0;
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) n += deaths[size_t(s)][size_t(a)];
  return n;
}

void UnitCounts::add(const UnitCounts& o) {
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) {
      pop_start[s][a] += o.pop_start[s][a];
      pop_mid[s][a] += o.pop_mid[s][a];
      pop_end[s][a] += o.pop_end[s][a];
      person_years[s][a] += o.person_years[s][a];
      deaths[s][a] += o.deaths[s][a];
      net_moves[s][a] += o.net_moves[s][a];
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

namespace {

// Deaths' exposure for life tables: the person-years of several periods,
// spell by spell, in the pass that counts a period or on their own. One per
// worker; spells come by slot and flush(slot) ends a slot.
class LifeTablePass {
 public:
  LifeTablePass(const std::vector<Period>& periods, const YearTable& yt, std::vector<SlotLifeTables>& out)
      : periods_(periods), yt_(yt), out_(out) {
    for (const Period& p : periods) {
      whole_.emplace_back(yt, p.first.days(), p.last.days() + 1);
      lo = std::min(lo, p.first.days());
      hi = std::max(hi, p.last.days());
    }
  }
  bool touches(const SnapshotSpell& sp) const { return !(sp.end <= lo || sp.start > hi); }

  // Nested with a period [first, after) counted in the same pass: every
  // period here ends with it, starts no later and has whole-year cells, as
  // has the period's own set `main`. Then a spell reaching the end is added
  // to the cells of the widest period it covers only, and flush_nested()
  // passes those cells on to the narrower ones (the same integer sums, so
  // the same person-years as adding it to each).
  bool nest(const WholeYears& main, int32_t first, int32_t after) {
    if (!main.usable()) return false;
    order_.clear();
    for (size_t k = 0; k < periods_.size(); ++k) {
      if (!whole_[k].usable() || periods_[k].last.days() + 1 != after || periods_[k].first.days() > first ||
          whole_[k].end_year() != main.end_year())
        return false;
      order_.push_back(k);
    }
    std::sort(order_.begin(), order_.end(),
              [&](size_t a, size_t b) { return periods_[a].first.days() < periods_[b].first.days(); });
    main_first_ = first;
    return nested_ = true;
  }
  bool nested() const { return nested_; }
  // A spell of the nested period that reaches its end (`after` <= sp.end):
  // whole-year cells of the widest period it covers, person-years one by one
  // for the wider ones it covers in part. False when it covers none of these
  // periods whole (then the period's own set decides).
  bool spell_reaching_end(const SnapshotSpell& sp, WholeYears& main) {
    size_t i = 0;
    for (; i < order_.size(); ++i) {
      const size_t k = order_[i];
      const int32_t first = periods_[k].first.days();
      if (sp.start <= first) {
        whole_[k].add(sp);
        break;
      }
      add_person_years(sp, sp.start, periods_[k].last.days() + 1, yt_, out_[k][size_t(sp.slot)].person_years[sp.female]);
    }
    if (i < order_.size()) return true;
    if (sp.start <= main_first_) main.add(sp);
    return false;
  }
  // Ends a slot in nested mode: each set flushed after the wider ones' cells
  // are added to it, the period's own set last (by the caller).
  void flush_nested(int32_t slot, WholeYears& main) {
    for (size_t i = 0; i < order_.size(); ++i) {
      const size_t k = order_[i];
      if (i > 0) whole_[k].add_cells(whole_[order_[i - 1]]);
      if (i + 1 == order_.size()) main.add_cells(whole_[k]);
    }
    for (size_t k : order_) whole_[k].flush(out_[k][size_t(slot)].person_years);
  }

  void spell(const SnapshotSpell& sp) {
    for (size_t k = 0; k < periods_.size(); ++k) {
      const int32_t first = periods_[k].first.days(), after = periods_[k].last.days() + 1;
      if (whole_[k].usable() && sp.start <= first && after <= sp.end) {
        whole_[k].add(sp);
        continue;
      }
      const int32_t from = std::max(sp.start, first), to = std::min(sp.end, after);
      if (from < to) add_person_years(sp, from, to, yt_, out_[k][size_t(sp.slot)].person_years[sp.female]);
    }
  }
  void flush(int32_t slot) {
    for (size_t k = 0; k < periods_.size(); ++k) whole_[k].flush(out_[k][size_t(slot)].person_years);
  }
  int32_t lo = INT32_MAX, hi = INT32_MIN;

 private:
  const std::vector<Period>& periods_;
  const YearTable& yt_;
  std::vector<SlotLifeTables>& out_;
  std::vector<WholeYears> whole_;
  std::vector<size_t> order_;  // nested: widest first
  int32_t main_first_ = 0;
  bool nested_ = false;
};

// Deaths of the periods from the snapshot's deaths (by date).
void add_deaths(const RegisterSnapshot& s, const std::vector<Period>& periods, std::vector<SlotLifeTables>& c) {
  for (size_t k = 0; k < periods.size(); ++k) {
    auto first = std::lower_bound(s.deaths.begin(), s.deaths.end(), periods[k].first.days(),
                                  [](const SnapshotDeath& d, int32_t day) { return d.date < day; });
    for (auto it = first; it != s.deaths.end() && it->date <= periods[k].last.days(); ++it)
      ++c[k][size_t(it->slot)].deaths[it->female][it->age];
  }
}

void count_spells(const RegisterSnapshot& s, size_t begin, size_t end, int32_t A, int32_t B, int32_t M,
                  const YearTable& yt, SlotCounts& c, LifeTablePass* lt) {
  WholeYears whole(yt, A, B + 1);
  const bool nested = lt && lt->nest(whole, A, B + 1);
  int32_t slot = -1;
  const YearMd ya(A), ym(M), yb(B);
  auto age_on = [](const SnapshotSpell& sp, const YearMd& on) {
    return clamp_age(on.year - sp.birth_year - (on.md < sp.birth_md ? 1 : 0));
  };
  for (size_t i = begin; i < end; ++i) {
    const SnapshotSpell& sp = s.spells[i];
    const bool in_period = !(sp.end <= A || sp.start > B), in_lt = lt && lt->touches(sp);
    if (!in_period && !in_lt) continue;
    if (sp.slot != slot) {
      if (slot >= 0) {
        if (nested) lt->flush_nested(slot, whole);
        else if (lt) lt->flush(slot);
        whole.flush(c[size_t(slot)].person_years);
      }
      slot = sp.slot;
    }
    // Nested: a spell of the period reaching its end goes to the cells of the
    // widest period it covers; any other, as without nesting.
    const bool reaches_end = nested && in_period && B < sp.end;
    bool whole_done = false;
    if (reaches_end) {
      lt->spell_reaching_end(sp, whole);
      whole_done = sp.start <= A;
    } else if (in_lt) {
      lt->spell(sp);
    }
    if (!in_period) continue;
    UnitCounts& u = c[size_t(sp.slot)];
    const int sex = sp.female;
    if (sp.start <= A) ++u.pop_start[size_t(sex)][size_t(age_on(sp, ya))];
    if (sp.start <= M && M < sp.end) {
      const int age = age_on(sp, ym);
      ++u.pop_mid[size_t(sex)][size_t(age)];
      // Married women 15-49 on the middle day and the contraception they use.
      const PersonMark* marks = s.marks.data() + sp.mark_begin;
      if (sex == 1 && age >= 15 && age <= 49 &&
          RegisterSnapshot::married_on(marks, sp.mark_count, M, sp.married_now != 0)) {
        ++u.married_women_15_49;
        const PersonMark* m = RegisterSnapshot::last_mark(marks, sp.mark_count, PersonMark::kContraception, M);
        if (m && m->value >= 0) {
          ++u.cp_users_any;
          if (m->value != int(ContraceptiveMethod::kTraditional)) ++u.cp_users_modern;
        }
      }
    }
    if (B < sp.end) ++u.pop_end[size_t(sex)][size_t(age_on(sp, yb))];
    if (whole_done) continue;  // in the nested cells
    if (whole.usable() && sp.start <= A && B < sp.end) whole.add(sp);
    else add_person_years(sp, std::max(sp.start, A), std::min(sp.end, B + 1), yt, u.person_years[size_t(sex)]);
  }
  if (slot >= 0) {
    if (nested) lt->flush_nested(slot, whole);
    else if (lt) lt->flush(slot);
    whole.flush(c[size_t(slot)].person_years);
  }
}

void count_events(const RegisterSnapshot& s, size_t begin, size_t end, int32_t slot_lo, int32_t slot_hi,
                  SlotCounts& c) {
  for (size_t i = begin; i < end; ++i) {
    const SnapshotEvent& e = s.events[i];
    if (e.person < 0 || e.slot < slot_lo || e.slot >= slot_hi) continue;
    UnitCounts& u = c[size_t(e.slot)];
    switch (e.type) {
      case EventType::kBirth: {
        ++u.births[e.female];
        if (e.birth_order == 1) ++u.births_order1;
        else if (e.birth_order == 2) ++u.births_order2;
        else if (e.birth_order >= 3) ++u.births_order3plus;
        if (e.mother_age != SnapshotEvent::kNoAge) {
          ++u.births_by_mother_age[e.mother_age];
          if (e.mother_age < 20) ++u.births_mother_under20;
          if (e.facts & SnapshotEvent::kPrenatalScreened4) ++u.births_prenatal_screened4;
        }
        if (e.facts & SnapshotEvent::kNewbornScreened5) ++u.births_newborn_screened5;
        break;
      }
      case EventType::kDeath:
        ++u.deaths[e.female][e.age];
        break;
      case EventType::kMarriage:
        ++u.marriages;
        if (e.child_marriage) ++u.child_marriages;
        if (e.consanguineous) ++u.consanguineous_marriages;
        u.persons_marrying += 1 + (e.related >= 0 ? 1 : 0);
        u.persons_marrying_counselled += e.facts >> 2;
        break;
      case EventType::kDivorce: ++u.divorces; break;
      case EventType::kMoveIn:
        ++u.moves_in;
        ++u.net_moves[e.female][e.age];
        break;
      case EventType::kMoveOut:
        ++u.moves_out;
        --u.net_moves[e.female][e.age];
        break;
      case EventType::kPregnancy:
        ++u.pregnancies;
        if (e.age < 20) ++u.adolescent_pregnancies;
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
}

}  // namespace

PeriodCounts count_period_with_life_tables(const RegisterSnapshot& s, const Period& period,
                                           const std::vector<Period>& life_table_periods, unsigned threads) {
  const size_t slots = s.slot_unit.size();
  const int32_t A = period.first.days(), B = period.last.days(), M = period.middle().days();
  int32_t lo = A, hi = B;
  for (const Period& p : life_table_periods) lo = std::min(lo, p.first.days()), hi = std::max(hi, p.last.days());
  const YearTable yt(lo, hi);
  const auto [ev_begin, ev_end] = event_range(s, A, B);
  const unsigned workers = worker_count(threads, s.spells.size() + (ev_end - ev_begin));

  // Each worker counts the spells and the period's events of its own range
  // of village slots into the one array.
  PeriodCounts out;
  out.units = SlotCounts(slots);
  // Each array made in place: a copy of one zeroed array would write every
  // byte again.
  out.life_tables.reserve(life_table_periods.size());
  for (size_t k = 0; k < life_table_periods.size(); ++k) out.life_tables.emplace_back(slots);
  const auto ranges = slot_ranges(s, workers);
  run_workers(workers, [&](size_t w) {
    const auto [first, last] = ranges[w];
    std::optional<LifeTablePass> lt;
    if (!life_table_periods.empty()) lt.emplace(life_table_periods, yt, out.life_tables);
    count_spells(s, s.slot_spells[first], s.slot_spells[last], A, B, M, yt, out.units, lt ? &*lt : nullptr);
    count_events(s, ev_begin, ev_end, int32_t(first), int32_t(last), out.units);
  });
  add_deaths(s, life_table_periods, out.life_tables);
  roll_up(rollup_order(s, period.last), workers, [&](size_t child, size_t parent) {
    out.units[parent].add(out.units[child]);
    for (auto& lt : out.life_tables) lt[parent].add(lt[child]);
  });
  return out;
}

SlotCounts count_period(const RegisterSnapshot& s, const Period& period, unsigned threads) {
  return count_period_with_life_tables(s, period, {}, threads).units;
}

std::vector<SlotLifeTables> count_life_tables(const RegisterSnapshot& s, const std::vector<Period>& periods,
                                              Date rollup_on, unsigned threads) {
  const size_t slots = s.slot_unit.size();
  if (periods.empty()) return {};
  int32_t lo = periods[0].first.days(), hi = periods[0].last.days();
  for (const Period& p : periods) lo = std::min(lo, p.first.days()), hi = std::max(hi, p.last.days());
  const YearTable yt(lo, hi);
  const unsigned workers = worker_count(threads, s.spells.size());
  std::vector<SlotLifeTables> c;
  c.reserve(periods.size());
  for (size_t k = 0; k < periods.size(); ++k) c.emplace_back(slots);
  const auto ranges = slot_ranges(s, workers);
  run_workers(workers, [&](size_t w) {
    LifeTablePass lt(periods, yt, c);
    int32_t slot = -1;
    for (size_t i = s.slot_spells[ranges[w].first], e = s.slot_spells[ranges[w].second]; i < e; ++i) {
      const SnapshotSpell& sp = s.spells[i];
      if (!lt.touches(sp)) continue;
      if (sp.slot != slot) {
        if (slot >= 0) lt.flush(slot);
        slot = sp.slot;
      }
      lt.spell(sp);
    }
    if (slot >= 0) lt.flush(slot);
  });
  add_deaths(s, periods, c);
  roll_up(rollup_order(s, rollup_on), workers, [&](size_t child, size_t parent) {
    for (auto& lt : c) lt[parent].add(lt[child]);
  });
  return c;
}

}  // namespace danso::analytics
