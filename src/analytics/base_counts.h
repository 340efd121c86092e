// UnitCounts: the base measures of one unit for one period, from which every
// indicator is computed. Counts by sex and single year of age (0..99, 100+)
// of the population on the first, middle and last day, time lived (in whole
// person-days, so every sum is exact whatever its order; person-years are
// days / 365.25, taken where a rate is formed), deaths; births by sex, order
// and mother's age; marriages, moves, family planning and screening counts.
// Rates are never stored: they are recomputed from summed counts, so a
// unit's figures always equal the sum of its children's.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "analytics/register_snapshot.h"
#include "analytics/slot_array.h"
#include "core/period.h"

namespace danso::analytics {

inline constexpr int kAges = 101;  // 0..99 and 100+
inline constexpr int kMethods = 9;
inline constexpr double kDaysPerYear = 365.25;  // person-days per person-year

// Counts by sex and age are 32-bit: a cell holds at most the persons of one
// sex and age in a province (or their events), far below 2^31.
using AgeSex = std::array<std::array<int32_t, kAges>, 2>;     // [0 male, 1 female][age]
// Person-days are 64-bit: a province's five pooled years reach 10^9 days
// in one cell, a country's ten times that.
using AgeSexDays = std::array<std::array<int64_t, kAges>, 2>;

// Person-years of `sex` aged [from, to] (inclusive) from person-days.
inline double person_years(const AgeSexDays& days, int sex, int from, int to) {
  int64_t d = 0;
  for (int a = from; a <= to; ++a) d += days[size_t(sex)][size_t(a)];
  return double(d) / kDaysPerYear;
}

struct UnitCounts {
  AgeSex pop_start{}, pop_mid{}, pop_end{};
  AgeSexDays person_days{};
  AgeSex deaths{};
  std::array<int64_t, 2> births{};                 // by child's sex
  std::array<int32_t, kAges> births_by_mother_age{};  // mother's completed age at the birth
  int64_t births_order1 = 0, births_order2 = 0, births_order3plus = 0;
  int64_t births_mother_under20 = 0;
  int64_t births_prenatal_screened4 = 0;  // mother screened for >= 4 conditions in the 300 days before
  int64_t births_newborn_screened5 = 0;   // child screened for >= 5 conditions
  // Women giving birth (deliveries: twins count once), those of them giving
  // birth to a child of order 3 or higher, and those screened prenatally.
  int64_t deliveries = 0, deliveries_order3plus = 0, deliveries_prenatal_screened4 = 0;
  int64_t married_women_15_49 = 0;        // on the middle day
  int64_t married_women_15_49_end = 0;    // on the last day (the reports' column)
  int64_t households_end = 0;             // households with a resident on the last day
  int64_t cp_users_any = 0, cp_users_modern = 0;  // among them
  std::array<int64_t, kMethods> new_acceptors{};   // contraception_start in the period, by method
  int64_t marriages = 0, child_marriages = 0, consanguineous_marriages = 0, divorces = 0;
  int64_t persons_marrying = 0, persons_marrying_counselled = 0;  // counselled within 365 days before
  int64_t couples_counselled = 0;  // marriages whose partners in the register were all counselled
  int64_t moves_in = 0, moves_out = 0, pregnancies = 0, adolescent_pregnancies = 0;
  int64_t prenatal_screenings = 0, newborn_screenings = 0, premarital_counsellings = 0;
  std::array<int64_t, 2> temporary_end{};  // temporary residents (tạm trú) living in the unit on the last day, by sex
  AgeSex net_moves{};  // moves in minus moves out, by sex and age at the move

  void add(const UnitCounts& o) { add_times(o, 1); }
  void subtract(const UnitCounts& o) { add_times(o, -1); }
  void add_times(const UnitCounts& o, int sign);  // sign * o added
  int64_t population_end() const;
  // Permanent residents on the last day (dân số thường trú): population_end
  // without the temporary residents.
  int64_t permanent_population_end() const { return population_end() - temporary_end[0] - temporary_end[1]; }
  int64_t population_mid() const;
};

// Deaths and person-days by sex and single age: what a life table needs.
struct LifeTableCounts {
  AgeSex deaths{};
  AgeSexDays person_days{};
  void add(const LifeTableCounts& o) { add_times(o, 1); }
  void subtract(const LifeTableCounts& o) { add_times(o, -1); }
  void add_times(const LifeTableCounts& o, int sign);
  int64_t total_deaths() const;
};

// Per-slot arrays.
using SlotCounts = SlotArray<UnitCounts>;
using SlotLifeTables = SlotArray<LifeTableCounts>;

// Counts of every unit slot for the period: each village's own, then rolled
// up the hierarchy valid on the period's last day (a unit no longer valid
// then rolls into its successor, UnitTree::current: its full merger or its
// renamed or moved continuation; see rollup_parent).
//
// One pass over the residence spells and one over the events dated in the
// period, split over `threads` workers (0: the machine's cores) by ranges of
// village slots (the snapshot keeps spells by slot), so each worker writes
// its own villages' counts and nothing is merged. Ages come from the
// snapshot's precomputed birthdays; states on the middle day (marital
// status, contraception) and the screening and counselling before a birth or
// marriage come from the per-person marks, so no event outside the period
// is read.
SlotCounts count_period(const RegisterSnapshot& snap, const Period& period, unsigned threads = 0);

// The own counts of a few village slots for the period (not rolled up), in
// the order given, by the same pass as count_period: what one commune's or
// district's report needs, without counting the whole province. A slot that
// is not a village's (or -1) gets zeros.
std::vector<UnitCounts> count_villages(const RegisterSnapshot& snap, const Period& period,
                                       const std::vector<int32_t>& slots);

// The own deaths and person-days of a few village slots for each of
// `periods` ([slot index][period]), by the same pass as count_life_tables,
// not rolled up; a slot that is not a village's (or -1) gets zeros.
std::vector<std::vector<LifeTableCounts>> count_village_life_tables(const RegisterSnapshot& snap,
                                                                   const std::vector<Period>& periods,
                                                                   const std::vector<int32_t>& slots);

// The units a local move (SnapshotMove) is taken off on `on`: the lowest
// holding both its ends and every unit above it (empty when none).
std::vector<int32_t> units_holding_move(const RegisterSnapshot& snap, const SnapshotMove& m, Date on);

// The moves in and out of the period whose two ends both lie in the unit of
// `slot` on the period's last day (see SnapshotMove): what the sum of its
// villages' own counts has too many, as {in, out}.
std::pair<int64_t, int64_t> moves_within(const RegisterSnapshot& snap, const Period& period, int32_t slot);

// The counts of a period together with the deaths and person-years of other
// periods (the years pooled for life tables), in the same pass over the
// spells.
struct PeriodCounts {
  SlotCounts units;
  std::vector<SlotLifeTables> life_tables;  // one per life-table period
};
PeriodCounts count_period_with_life_tables(const RegisterSnapshot& snap, const Period& period,
                                           const std::vector<Period>& life_table_periods, unsigned threads = 0);

// Deaths and person-years of every unit slot for several periods at once
// (one pass over the spells), rolled up as count_period rolls up on
// `rollup_on`. Used for life tables pooled over several years.
std::vector<SlotLifeTables> count_life_tables(const RegisterSnapshot& snap,
                                                            const std::vector<Period>& periods, Date rollup_on,
                                                            unsigned threads = 0);

// The slot a unit's counts roll up into on `on`: its parent then
// (UnitTree::parent_on) when valid, else its successor (the unit it merged
// into in full, or its renamed or moved continuation); -1 at the top.
int32_t rollup_parent(const RegisterSnapshot& snap, int32_t slot, Date on);

}  // namespace danso::analytics
