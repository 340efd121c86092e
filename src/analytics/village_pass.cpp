#include "analytics/village_pass.h"

#include <algorithm>
#include <map>

namespace danso::analytics {

VillagePass::Day VillagePass::day_of(int32_t d) {
  Day out;
  int m, dd;
  civil_from_days(d, out.year, m, dd);
  out.day = d;
  out.md = m * 32 + dd;
  return out;
}

namespace {

// Whether [first, after) is a whole number of years of twelve months, each
// starting on the 1st of the same month.
bool whole_years(int32_t first, int32_t after) {
  int y0, m0, d0, y1, m1, d1;
  civil_from_days(first, y0, m0, d0);
  civil_from_days(after, y1, m1, d1);
  return first < after && d0 == 1 && d1 == 1 && m0 == m1;
}

}  // namespace

VillagePass::VillagePass(const RegisterSnapshot& snap, const Period* period,
                         const std::vector<Period>& life_table_periods)
    : snap_(snap), has_period_(period != nullptr) {
  if (period) {
    a_ = day_of(period->first.days());
    m_ = day_of(period->middle().days());
    b_ = day_of(period->last.days());
    windows_.push_back({period->first.days(), period->last.days() + 1});
  }
  for (const Period& p : life_table_periods) windows_.push_back({p.first.days(), p.last.days() + 1});
  for (const Window& w : windows_) lo_ = std::min(lo_, w.first), hi_ = std::max(hi_, w.after);

  // The windows of whole years ending together (calendar years, or years
  // from the month after a month's or quarter's end): the end most of them
  // share (the period's on a tie) goes to the cells.
  std::map<int32_t, int> ends;
  for (const Window& w : windows_)
    if (whole_years(w.first, w.after)) ++ends[w.after];
  int32_t end = 0;
  int best = 0;
  for (const Window& w : windows_) {
    auto it = ends.find(w.after);
    if (it != ends.end() && it->second > best) best = it->second, end = w.after;
  }
  if (best > 0) {
    int32_t first = end;
    for (const Window& w : windows_)
      if (w.after == end && whole_years(w.first, w.after)) first = std::min(first, w.first);
    const Day f = day_of(first), e = day_of(end);
    const int y0 = f.year, y1 = e.year - 1, anchor = f.md / 32;
    if (y1 - y0 + 1 <= YearCells::kMaxYears) {
      cells_.emplace(y0, y1, anchor);
      cells_first_ = first, cells_after_ = end;
      for (Window& w : windows_)
        if (w.after == end && whole_years(w.first, w.after)) w.in_cells = true, w.cells_year = day_of(w.first).year - y0;
    }
  }
  int32_t split_lo = INT32_MAX, split_hi = INT32_MIN;
  for (size_t i = 0; i < windows_.size(); ++i) {
    if (windows_[i].in_cells) {
      celled_.push_back(i);
    } else if (windows_[i].first < windows_[i].after) {
      split_.push_back(i);
      split_lo = std::min(split_lo, windows_[i].first), split_hi = std::max(split_hi, windows_[i].after);
    }
  }
  if (!split_.empty()) split_years_.emplace(split_lo, split_hi - 1);
  // A spell from on or before whole_first_ to after whole_last_ holds the
  // period and the cells' years whole.
  if (has_period_ || cells_) {
    whole_first_ = INT32_MAX, whole_last_ = INT32_MIN;
    if (has_period_) whole_first_ = a_.day, whole_last_ = b_.day;
    if (cells_) whole_first_ = std::min(whole_first_, cells_first_), whole_last_ = std::max(whole_last_, cells_after_ - 1);
  }
  targets_.resize(windows_.size());
}

void VillagePass::count(int32_t slot, UnitCounts* u, LifeTableCounts* const* lt) {
  // Where each window's person-days go: the period's to u, the others to lt.
  for (size_t i = 0; i < windows_.size(); ++i)
    targets_[i] = has_period_ && i == 0 ? &u->person_days : &lt[i - (has_period_ ? 1 : 0)]->person_days;
  count_spells(slot, u);
  count_events(slot, u, lt);
  if (has_period_ && !snap_.slot_household_spans.empty()) {
    const HouseholdSpan* h = snap_.household_spans.data() + snap_.slot_household_spans[size_t(slot)];
    const HouseholdSpan* end = snap_.household_spans.data() + snap_.slot_household_spans[size_t(slot) + 1];
    for (; h != end; ++h) u->households_end += h->start <= b_.day && b_.day < h->end;
  }
}

void VillagePass::count_women_states(const SnapshotSpell& sp, int age_mid, int age_end, UnitCounts* u) const {
  // Married women 15-49 on the middle day and the contraception they use,
  // and married women 15-49 on the last day (age -1: not resident that
  // day). Few branches on what varies from woman to woman: a branch the
  // processor guesses wrong costs more than the counting.
  const bool in_mid = unsigned(age_mid - 15) <= 34u, in_end = unsigned(age_end - 15) <= 34u;
  if (!in_mid && !in_end) return;
  if (sp.mark_count == 0) {
    // No state mark: the register's status on both days, and no method.
    const int64_t married = sp.married_now != 0;
    u->married_women_15_49 += married & int64_t(in_mid);
    u->married_women_15_49_end += married & int64_t(in_end);
    return;
  }
  const StatesOnTwoDays st =
      states_on(snap_.marks.data() + sp.mark_begin, sp.mark_count, m_.day, b_.day, sp.married_now != 0);
  const int64_t married_mid = int64_t(st.first.married && in_mid);
  u->married_women_15_49 += married_mid;
  u->cp_users_any += married_mid & int64_t(st.first.method >= 0);
  u->cp_users_modern += married_mid & int64_t(st.first.method >= 0 &&
                                               st.first.method != int(ContraceptiveMethod::kTraditional));
  u->married_women_15_49_end += int64_t(st.second.married && in_end);
}

void VillagePass::count_split(const SnapshotSpell& sp) {
  for (size_t i : split_) {
    const Window& w = windows_[i];
    const int32_t from = std::max(sp.start, w.first), to = std::min(sp.end, w.after);
    if (from < to) add_person_days(sp.birth_year, sp.birth_md, from, to, *split_years_, (*targets_[i])[sp.female]);
  }
}

void VillagePass::count_spells(int32_t slot, UnitCounts* u) {
  const SnapshotSpell* sp_begin = snap_.spells.data() + snap_.slot_spells[size_t(slot)];
  const SnapshotSpell* sp_end = snap_.spells.data() + snap_.slot_spells[size_t(slot) + 1];
  const int32_t A = a_.day, M = m_.day, B = b_.day;
  // The spells are read in order and the women's marks, in another array,
  // in the order of their spells: both asked of memory ahead of their use.
  constexpr ptrdiff_t kSpellsAhead = 64, kMarksAhead = 16;
  for (const SnapshotSpell* p = sp_begin; p != sp_end; ++p) {
    const SnapshotSpell& sp = *p;
    if (sp_end - p > kSpellsAhead) __builtin_prefetch(p + kSpellsAhead);
    if (sp_end - p > kMarksAhead && p[kMarksAhead].female && p[kMarksAhead].mark_count)
      __builtin_prefetch(snap_.marks.data() + p[kMarksAhead].mark_begin);
    const unsigned sex = sp.female;
    if (sp.start <= whole_first_ && whole_last_ < sp.end) {
      // Resident over the period and the cells' years (most spells).
      if (has_period_) {
        const int age_mid = age_on(sp, m_), age_end = age_on(sp, b_);
        ++u->pop_start[sex][size_t(age_on(sp, a_))];
        ++u->pop_mid[sex][size_t(age_mid)];
        ++u->pop_end[sex][size_t(age_end)];
        if (sex == 1) count_women_states(sp, age_mid, age_end, u);
      }
      if (cells_) cells_->add_whole(0, sex, sp.birth_year, sp.birth_md);
      if (!split_.empty()) count_split(sp);
      continue;
    }
    if (sp.end <= lo_ || sp.start >= hi_) continue;
    if (has_period_ && sp.start <= B && A < sp.end) {
      if (sp.start <= A) ++u->pop_start[sex][size_t(age_on(sp, a_))];
      int age_mid = -1, age_end = -1;
      if (sp.start <= M && M < sp.end) ++u->pop_mid[sex][size_t(age_mid = age_on(sp, m_))];
      if (B < sp.end) ++u->pop_end[sex][size_t(age_end = age_on(sp, b_))];
      if (sex == 1) count_women_states(sp, age_mid, age_end, u);
    }
    if (cells_) {
      const int32_t from = std::max(sp.start, cells_first_), to = std::min(sp.end, cells_after_);
      if (from < to) {
        if (to == cells_after_) {
          // Lived to the end: the part of a year before the first whole one,
          // then one cell for the whole years.
          int j = cells_->year_of(from);
          if (cells_->year_start(j) < from) {
            cells_->add_part(j, sex, sp.birth_year, sp.birth_md, from, cells_->year_start(j + 1));
            ++j;
          }
          if (j < cells_->years()) cells_->add_whole(j, sex, sp.birth_year, sp.birth_md);
        } else {
          cells_->add_days(sex, sp.birth_year, sp.birth_md, from, to);
        }
      }
    }
    if (!split_.empty()) count_split(sp);
  }
  if (cells_ && cells_->touched()) {
    cells_->finish();
    for (size_t i : celled_) {
      const AgeSexDays& d = cells_->window(windows_[i].cells_year);
      AgeSexDays& out = *targets_[i];
      for (size_t s = 0; s < 2; ++s)
        for (size_t a = 0; a < size_t(kAges); ++a) out[s][a] += d[s][a];
    }
    cells_->clear();
  }
}

void VillagePass::count_events(int32_t slot, UnitCounts* u, LifeTableCounts* const* lt) {
  auto by_date = [](const auto& x, int32_t d) { return x.date < d; };
  if (has_period_) {
    const SnapshotEvent* begin = snap_.events.data() + snap_.slot_events[size_t(slot)];
    const SnapshotEvent* end = snap_.events.data() + snap_.slot_events[size_t(slot) + 1];
    // The slot's events are by date: those of the period.
    for (const SnapshotEvent* e = std::lower_bound(begin, end, a_.day, by_date); e != end && e->date <= b_.day; ++e)
      if (e->person >= 0) count_event(*e, *u);
  }
  const size_t first_lt = has_period_ ? 1 : 0;
  if (windows_.size() == first_lt) return;
  const SnapshotDeath* begin = snap_.deaths.data() + snap_.slot_deaths[size_t(slot)];
  const SnapshotDeath* end = snap_.deaths.data() + snap_.slot_deaths[size_t(slot) + 1];
  for (const SnapshotDeath* d = std::lower_bound(begin, end, lo_, by_date); d != end && d->date < hi_; ++d)
    for (size_t i = first_lt; i < windows_.size(); ++i)
      if (windows_[i].first <= d->date && d->date < windows_[i].after) ++lt[i - first_lt]->deaths[d->female][d->age];
}

void count_event(const SnapshotEvent& e, UnitCounts& u) {
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
      if (e.facts & SnapshotEvent::kDelivery) {
        ++u.deliveries;
        if (e.facts & SnapshotEvent::kDeliveryOrder3plus) ++u.deliveries_order3plus;
        if (e.facts & SnapshotEvent::kPrenatalScreened4) ++u.deliveries_prenatal_screened4;
      }
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
      u.couples_counselled += (e.facts >> 2) == 1 + (e.related >= 0 ? 1 : 0);
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

}  // namespace danso::analytics
