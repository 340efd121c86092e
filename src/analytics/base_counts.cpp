#include "analytics/base_counts.h"

#include <algorithm>
#include <thread>

#include "analytics/village_pass.h"

namespace danso::analytics {

namespace {

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

// The workers: as many as asked for, else the machine's cores, or one for
// a small register (not worth a thread).
unsigned worker_count(unsigned requested, size_t work) {
  if (requested) return std::min(requested, 16u);
  if (work < 200'000) return 1;
  return std::clamp(std::thread::hardware_concurrency(), 1u, 16u);
}

// Slots in roll-up order (deepest first) with their roll-up parents, and
// where each depth ends: a parent is complete once the depth below it is.
struct Rollup {
  std::vector<std::pair<size_t, int32_t>> pairs;  // (child, parent)
  std::vector<size_t> depth_end;
};

// Every slot's roll-up parent on a day (rollup_parent), looked up once for
// a whole recompute.
std::vector<int32_t> rollup_parents(const RegisterSnapshot& s, Date on) {
  std::vector<int32_t> parent(s.slot_unit.size(), -1);
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = rollup_parent(s, int32_t(i), on);
  return parent;
}

Rollup rollup_order(const std::vector<int32_t>& parent) {
  const size_t slots = parent.size();
  std::vector<int> depth(slots, 0);
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
// `workers` threads; a parent belongs to one worker (its slot modulo the
// workers), so no two threads write the same parent.
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

}  // namespace

void LifeTableCounts::add_times(const LifeTableCounts& o, int sign) {
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) {
      deaths[size_t(s)][size_t(a)] += sign * o.deaths[size_t(s)][size_t(a)];
      person_days[size_t(s)][size_t(a)] += sign * o.person_days[size_t(s)][size_t(a)];
    }
}

int64_t LifeTableCounts::total_deaths() const {
  int64_t n = 0;
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) n += deaths[size_t(s)][size_t(a)];
  return n;
}

void UnitCounts::add_times(const UnitCounts& o, int sign) {
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) {
      pop_start[s][a] += sign * o.pop_start[s][a];
      pop_mid[s][a] += sign * o.pop_mid[s][a];
      pop_end[s][a] += sign * o.pop_end[s][a];
      person_days[s][a] += sign * o.person_days[s][a];
      deaths[s][a] += sign * o.deaths[s][a];
      net_moves[s][a] += sign * o.net_moves[s][a];
    }
  for (int s = 0; s < 2; ++s) births[s] += sign * o.births[s], temporary_end[s] += sign * o.temporary_end[s];
  for (int a = 0; a < kAges; ++a) births_by_mother_age[a] += sign * o.births_by_mother_age[a];
  for (int m = 0; m < kMethods; ++m) new_acceptors[m] += sign * o.new_acceptors[m];
  births_order1 += sign * o.births_order1, births_order2 += sign * o.births_order2, births_order3plus += sign * o.births_order3plus;
  births_mother_under20 += sign * o.births_mother_under20;
  births_prenatal_screened4 += sign * o.births_prenatal_screened4;
  births_newborn_screened5 += sign * o.births_newborn_screened5;
  deliveries += sign * o.deliveries, deliveries_order3plus += sign * o.deliveries_order3plus;
  deliveries_prenatal_screened4 += sign * o.deliveries_prenatal_screened4;
  couples_counselled += sign * o.couples_counselled;
  married_women_15_49 += sign * o.married_women_15_49;
  married_women_15_49_end += sign * o.married_women_15_49_end, households_end += sign * o.households_end;
  cp_users_any += sign * o.cp_users_any, cp_users_modern += sign * o.cp_users_modern;
  marriages += sign * o.marriages, child_marriages += sign * o.child_marriages;
  consanguineous_marriages += sign * o.consanguineous_marriages, divorces += sign * o.divorces;
  persons_marrying += sign * o.persons_marrying, persons_marrying_counselled += sign * o.persons_marrying_counselled;
  moves_in += sign * o.moves_in, moves_out += sign * o.moves_out;
  pregnancies += sign * o.pregnancies, adolescent_pregnancies += sign * o.adolescent_pregnancies;
  prenatal_screenings += sign * o.prenatal_screenings, newborn_screenings += sign * o.newborn_screenings;
  premarital_counsellings += sign * o.premarital_counsellings;
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
    if (const OrgUnit* now = snap.tree.current(u->id, on); now && now != u) return snap.slot_of(now->id);
  const UnitId parent = snap.tree.parent_on(u->id, on);
  return parent.valid() ? snap.slot_of(parent) : -1;
}

namespace {

// Counts every slot, each worker its own range of slots with a VillagePass
// of its own: it zeroes a slot's records right before counting it.
void count_slots(const RegisterSnapshot& s, const Period* period, const std::vector<Period>& life_table_periods,
                 unsigned workers, SlotCounts* units, std::vector<SlotLifeTables>& life_tables) {
  const auto ranges = slot_ranges(s, workers);
  run_workers(workers, [&](size_t w) {
    const auto [first, last] = ranges[w];
    VillagePass pass(s, period, life_table_periods);
    std::vector<LifeTableCounts*> lt(life_tables.size());
    for (size_t slot = first; slot < last; ++slot) {
      if (units) units->zero(slot, slot + 1);
      for (auto& t : life_tables) t.zero(slot, slot + 1);
      if (s.slot_spells[slot] == s.slot_spells[slot + 1] && s.slot_events[slot] == s.slot_events[slot + 1]) continue;
      for (size_t k = 0; k < lt.size(); ++k) lt[k] = &life_tables[k][slot];
      pass.count(int32_t(slot), units ? &(*units)[slot] : nullptr, lt.data());
    }
  });
}

}  // namespace

namespace {

// The temporary residents of the slots [first, last) on the period's last
// day, into their own counts (before the roll-up).
void count_temporary_residents(const RegisterSnapshot& s, const Period& period, size_t first, size_t last,
                               UnitCounts* const* units) {
  const int32_t day = period.last.days();
  auto by_slot = [](const TemporarySpell& t, int32_t slot) { return t.slot < slot; };
  auto t = std::lower_bound(s.temporary_spells.begin(), s.temporary_spells.end(), int32_t(first), by_slot);
  for (; t != s.temporary_spells.end() && size_t(t->slot) < last; ++t)
    if (t->start <= day && day < t->end && units[size_t(t->slot) - first]) ++units[size_t(t->slot) - first]->temporary_end[t->female];
}

// A move whose two ends lie in one unit is no move in or out of it: taken
// off the lowest unit holding both ends and every unit above it, where the
// roll-up has added it.
// The lowest unit holding both ends of a move (-1: none); parent(slot) is
// the roll-up parent on the day.
template <typename Parent>
int32_t move_common_unit(const SnapshotMove& m, Parent parent, std::vector<int32_t>& other_up) {
  other_up.clear();
  for (int32_t q = m.other_slot; q >= 0 && other_up.size() < 64; q = parent(q)) other_up.push_back(q);
  int32_t common = m.slot;
  for (int depth = 0; common >= 0 && depth < 64 && std::find(other_up.begin(), other_up.end(), common) == other_up.end(); ++depth)
    common = parent(common);
  return common;
}

// Calls fn(move, its lowest common unit) for the local moves of the period.
template <typename Parent, typename Fn>
void each_local_move(const RegisterSnapshot& s, const Period& period, Parent parent, Fn fn) {
  auto m = std::lower_bound(s.local_moves.begin(), s.local_moves.end(), period.first.days(),
                            [](const SnapshotMove& x, int32_t d) { return x.date < d; });
  std::vector<int32_t> other_up;  // the other end and the units above it
  for (; m != s.local_moves.end() && m->date <= period.last.days(); ++m)
    if (const int32_t common = move_common_unit(*m, parent, other_up); common >= 0) fn(*m, common);
}

// The roll-up parent on a day, looked up in the tree each time (for the few
// moves of one write).
auto parent_in_tree(const RegisterSnapshot& s, Date on) {
  return [&s, on](int32_t slot) { return rollup_parent(s, slot, on); };
}

void discount_local_moves(const RegisterSnapshot& s, const Period& period, const std::vector<int32_t>& parents,
                          SlotCounts& units) {
  auto parent = [&parents](int32_t slot) { return parents[size_t(slot)]; };
  each_local_move(s, period, parent, [&](const SnapshotMove& m, int32_t common) {
    for (int depth = 0; common >= 0 && depth < 64; ++depth, common = parent(common))
      --(m.in ? units[size_t(common)].moves_in : units[size_t(common)].moves_out);
  });
}

}  // namespace

PeriodCounts count_period_with_life_tables(const RegisterSnapshot& s, const Period& period,
                                           const std::vector<Period>& life_table_periods, unsigned threads) {
  const size_t slots = s.slot_unit.size();
  const unsigned workers = worker_count(threads, s.spells.size() + s.events.size() / 8);
  PeriodCounts out;
  out.units = SlotCounts(slots, SlotCounts::kUninitialized);
  out.life_tables.reserve(life_table_periods.size());
  for (size_t k = 0; k < life_table_periods.size(); ++k) out.life_tables.emplace_back(slots, SlotLifeTables::kUninitialized);
  count_slots(s, &period, life_table_periods, workers, &out.units, out.life_tables);
  {
    std::vector<UnitCounts*> own(slots);
    for (size_t i = 0; i < slots; ++i) own[i] = &out.units[i];
    count_temporary_residents(s, period, 0, slots, own.data());
  }
  const std::vector<int32_t> parents = rollup_parents(s, period.last);
  roll_up(rollup_order(parents), workers, [&](size_t child, size_t parent) {
    out.units[parent].add(out.units[child]);
    for (auto& lt : out.life_tables) lt[parent].add(lt[child]);
  });
  discount_local_moves(s, period, parents, out.units);
  return out;
}

std::vector<UnitCounts> count_villages(const RegisterSnapshot& s, const Period& period,
                                       const std::vector<int32_t>& slots) {
  std::vector<UnitCounts> out(slots.size());
  VillagePass pass(s, &period, {});
  for (size_t i = 0; i < slots.size(); ++i)
    if (slots[i] >= 0 && size_t(slots[i]) + 1 < s.slot_spells.size()) {
      pass.count(slots[i], &out[i], nullptr);
      UnitCounts* own = &out[i];
      count_temporary_residents(s, period, size_t(slots[i]), size_t(slots[i]) + 1, &own);
    }
  return out;
}

std::vector<std::vector<LifeTableCounts>> count_village_life_tables(const RegisterSnapshot& s,
                                                                   const std::vector<Period>& periods,
                                                                   const std::vector<int32_t>& slots) {
  std::vector<std::vector<LifeTableCounts>> out(slots.size(), std::vector<LifeTableCounts>(periods.size()));
  if (periods.empty()) return out;
  VillagePass pass(s, nullptr, periods);
  std::vector<LifeTableCounts*> lt(periods.size());
  for (size_t i = 0; i < slots.size(); ++i)
    if (slots[i] >= 0 && size_t(slots[i]) + 1 < s.slot_spells.size()) {
      for (size_t k = 0; k < periods.size(); ++k) lt[k] = &out[i][k];
      pass.count(slots[i], nullptr, lt.data());
    }
  return out;
}

std::vector<int32_t> units_holding_move(const RegisterSnapshot& s, const SnapshotMove& m, Date on) {
  std::vector<int32_t> out, other_up;
  int32_t common = move_common_unit(m, parent_in_tree(s, on), other_up);
  for (int depth = 0; common >= 0 && depth < 64; ++depth, common = rollup_parent(s, common, on)) out.push_back(common);
  return out;
}

std::pair<int64_t, int64_t> moves_within(const RegisterSnapshot& s, const Period& period, int32_t slot) {
  std::pair<int64_t, int64_t> n{0, 0};
  if (slot < 0) return n;
  each_local_move(s, period, parent_in_tree(s, period.last), [&](const SnapshotMove& m, int32_t common) {
    for (int depth = 0; common >= 0 && depth < 64; ++depth, common = rollup_parent(s, common, period.last))
      if (common == slot) {
        ++(m.in ? n.first : n.second);
        break;
      }
  });
  return n;
}

SlotCounts count_period(const RegisterSnapshot& s, const Period& period, unsigned threads) {
  return count_period_with_life_tables(s, period, {}, threads).units;
}

std::vector<SlotLifeTables> count_life_tables(const RegisterSnapshot& s, const std::vector<Period>& periods,
                                              Date rollup_on, unsigned threads) {
  const size_t slots = s.slot_unit.size();
  if (periods.empty()) return {};
  const unsigned workers = worker_count(threads, s.spells.size());
  std::vector<SlotLifeTables> c;
  c.reserve(periods.size());
  for (size_t k = 0; k < periods.size(); ++k) c.emplace_back(slots, SlotLifeTables::kUninitialized);
  count_slots(s, nullptr, periods, workers, nullptr, c);
  roll_up(rollup_order(rollup_parents(s, rollup_on)), workers, [&](size_t child, size_t parent) {
    for (auto& lt : c) lt[parent].add(lt[child]);
  });
  return c;
}

}  // namespace danso::analytics
