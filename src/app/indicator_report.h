// Indicators of a unit (or of each of its children) for a period, as the
// JSON that `danso indicators` prints and the HTTP API returns:
//   {"unit":..., "name":..., "period":..., "from":..., "to":...,
//    "indicators": {"<code>": {"value":..., "numerator":..., "denominator":...,
//                              "unit":..., "flags":[...]}, ...}}
// Counts are always shown beside rates; a rate built on too few events is
// flagged "small_numbers".
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "analytics/snapshot_update.h"

namespace danso {

class IndicatorReporter {
 public:
  IndicatorReporter(const analytics::RegisterSnapshot& snapshot, const analytics::IndicatorCatalogue& catalogue)
      : snap_(snapshot), catalogue_(catalogue) {}

  // One unit, or with `children` an array with one object per child unit.
  Result<nlohmann::ordered_json> report(const std::string& unit_code, const Period& period, bool children);
  // Every unit valid at the period's end (the full recompute).
  nlohmann::ordered_json report_all(const Period& period);
  // The same values without JSON: per unit valid at the period's end, one
  // value per catalogue definition, in catalogue order.
  std::vector<std::pair<UnitId, std::vector<analytics::IndicatorValue>>> compute_all(const Period& period);
  // The unit's population on the period's last day by sex and five-year age
  // group (0-4, ..., 80-84, 85+): a pyramid, from the same counts as the
  // indicators, so its total is their `population` (indicator_pyramid.cpp).
  Result<nlohmann::ordered_json> pyramid(const std::string& unit_code, const Period& period);
  // The values of the catalogue definitions numbered `defs` (indexes into
  // definitions()) of unit slot `slot` for the period, as report() gives
  // them; the period's counts are made when first asked for.
  std::vector<analytics::IndicatorValue> values(int32_t slot, const Period& period, const std::vector<size_t>& defs);
  // Makes what values() of `defs` for the period reads (its counts, the
  // pooled years when a life table is among them, the territory changes),
  // so that values() may then be called for several units at once.
  void prepare(const Period& period, const std::vector<size_t>& defs);

  // Whether the period's counts are kept; forget() drops them (and its
  // pooled years and territory changes): a long series of periods is
  // counted one period at a time without keeping them all.
  bool counted(const Period& period) const;
  void forget(const Period& period);
  void forget_all();  // every period's (the register changed)
  // The counts it keeps, kept right through an update of the snapshot in
  // place (analytics::apply_person_group): counts_before() counts the
  // villages the update touches while the snapshot is as it was,
  // counts_after() counts them again and adds the differences to them and
  // every unit above, with the moves taken off as within a unit, for every
  // period kept and its pooled years.
  void counts_before(const analytics::SnapshotChange& change);
  void counts_after(const analytics::SnapshotChange& change);
  size_t periods_kept() const { return cache_.size(); }  // periods whose counts are kept

  const analytics::RegisterSnapshot& snapshot() const { return snap_; }
  const analytics::IndicatorCatalogue& catalogue() const { return catalogue_; }

 private:
  // A period's counts (computed once); with the pooled years of its life
  // tables in the same pass unless `with_pooled` is false (the pyramid
  // needs none).
  const analytics::SlotCounts& counts_for(const Period& p, bool with_pooled = true);
  int64_t pooling_below() const;
  const std::vector<std::vector<const UnitLink*>>& changes_for(const Period& p);
  // Every catalogue value of one unit, flagged "not_comparable" when its
  // territory changed in part during the period.
  std::vector<analytics::IndicatorValue> values(int32_t slot, const Period& period);
  // The values of `defs` for unit slot `slot` from the period's counts and
  // territory changes, made already (so several threads may call it).
  std::vector<analytics::IndicatorValue> evaluate(int32_t slot, const Period& period, const std::vector<size_t>& defs,
                                                  const analytics::SlotCounts& counts,
                                                  const std::vector<std::vector<const UnitLink*>>& changes);
  nlohmann::ordered_json unit_json(int32_t slot, const Period& period);
  nlohmann::ordered_json unit_json(int32_t slot, const Period& period, const std::vector<analytics::IndicatorValue>& vals);
  class PooledOf;

  const analytics::RegisterSnapshot& snap_;
  const analytics::IndicatorCatalogue& catalogue_;
  // Deaths and person-years over the 3 and 5 years ending with a period.
  struct Pooled {
    std::vector<Period> periods;
    std::vector<analytics::SlotLifeTables> counts;
  };
  const Pooled& pooled_for(const Period& p);
  static std::vector<Period> pooled_periods(const Period& p);

  // The touched villages' own counts before an update, per period kept.
  struct Before {
    std::map<std::pair<int32_t, int32_t>, std::vector<analytics::UnitCounts>> own;
    std::map<std::pair<int32_t, int32_t>, std::vector<std::vector<analytics::LifeTableCounts>>> pooled;
    std::vector<analytics::SnapshotMove> moves;
  };
  Before before_;
  std::map<std::pair<int32_t, int32_t>, analytics::SlotCounts> cache_;  // by first, last day
  std::map<std::pair<int32_t, int32_t>, Pooled> pooled_cache_;
  std::map<std::pair<int32_t, int32_t>, std::vector<std::vector<const UnitLink*>>> changes_cache_;
};

// The same objects flattened to CSV rows or a readable table.
std::string indicators_to_csv(const nlohmann::ordered_json& report);
std::string indicators_to_table(const nlohmann::ordered_json& report);

}  // namespace danso
