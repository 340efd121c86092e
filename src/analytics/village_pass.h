// VillagePass: the counting of one village slot — its residence spells, its
// events dated in the period and its deaths in the life-table periods —
// into that slot's UnitCounts and LifeTableCounts. count_period runs one per
// worker, village after village, so its working cells stay in the core's
// cache and every write goes to the village being counted.
//
// Time lived is counted over windows: the period, and each life-table
// period. The windows of whole years of twelve months that end on the same
// day (a calendar year with the 3 and 5 years pooled before it, or the 3
// and 5 years pooled before a month or a quarter, which start on the 1st of
// the month after it) are counted together in YearCells: a spell that runs
// from the start of such a year to the end is one cell increment, whatever
// the windows. Any other window splits each spell at the person's birthdays
// (add_person_days). A spell open over the period and the cells' years
// (most of them) is counted on a short path: the three days' populations,
// the women's states and one cell of whole years.
//
//   VillagePass pass(snap, &period, life_table_periods);
//   pass.count(slot, &units[slot], lt);   // lt[k]: the slot's counts for life-table period k
#pragma once

#include <optional>
#include <vector>

#include "analytics/base_counts.h"
#include "analytics/person_days.h"
#include "analytics/year_cells.h"

namespace danso::analytics {

class VillagePass {
 public:
  // `period` null: the life-table periods only (no UnitCounts).
  VillagePass(const RegisterSnapshot& snap, const Period* period, const std::vector<Period>& life_table_periods);

  // Adds slot `slot`'s spells and events to `u` (when there is a period)
  // and to lt[k] for each life-table period k.
  void count(int32_t slot, UnitCounts* u, LifeTableCounts* const* lt);

 private:
  struct Window {
    int32_t first, after;  // days [first, after)
    bool in_cells = false;
    int cells_year = 0;    // in_cells: the YearCells year it starts with
  };
  struct Day {  // a day as (year, month*32+day), for ages
    int32_t day = 0;
    int year = 0, md = 0;
  };
  static Day day_of(int32_t d);
  static int age_on(const SnapshotSpell& sp, const Day& on) {
    return clamp_age(on.year - sp.birth_year - (on.md < sp.birth_md ? 1 : 0));
  }
  void count_spells(int32_t slot, UnitCounts* u);
  void count_women_states(const SnapshotSpell& sp, int age_mid, int age_end, UnitCounts* u) const;
  void count_split(const SnapshotSpell& sp);  // into the windows split spell by spell
  void count_events(int32_t slot, UnitCounts* u, LifeTableCounts* const* lt);

  const RegisterSnapshot& snap_;
  const bool has_period_;
  Day a_, m_, b_;  // the period's first, middle and last day
  std::vector<Window> windows_;  // [0] the period when there is one, then the life-table periods
  std::vector<size_t> split_;    // windows split spell by spell
  std::vector<size_t> celled_;   // windows in the cells
  std::vector<AgeSexDays*> targets_;  // per window, for the slot being counted
  std::optional<YearTable> split_years_;
  std::optional<YearCells> cells_;
  int32_t cells_first_ = 0, cells_after_ = 0;
  int32_t lo_ = INT32_MAX, hi_ = INT32_MIN;  // days any window covers: [lo_, hi_)
  // Days every counted window but the split ones lies in: [whole_first_,
  // whole_last_] (none when INT32_MIN: no spell starts on or before it).
  int32_t whole_first_ = INT32_MIN, whole_last_ = INT32_MAX;
};

// Adds one event of the period to the unit's counts.
void count_event(const SnapshotEvent& e, UnitCounts& u);

}  // namespace danso::analytics
