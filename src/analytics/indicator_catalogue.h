// IndicatorDefinition: an indicator as data — code, names in Vietnamese and
// English, unit, and how it is computed from the measures of UnitCounts
// (analytics/measures.h). The default catalogue covers DOMAIN.md section 4;
// a catalogue file can add or replace definitions without new code.
//
//   auto cat = IndicatorCatalogue::defaults();
//   IndicatorValue v = cat.evaluate("cbr", counts_of_unit, context);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <nlohmann/json.hpp>

#include "analytics/base_counts.h"
#include "analytics/measures.h"
#include "core/period.h"

namespace danso::analytics {

enum class IndicatorKind { kCount, kRatio, kDifference, kMethod };
const char* indicator_kind_name(IndicatorKind kind);  // "count", "ratio", "difference", "method"

// A band of values drawn on charts (a threshold of policy or biology): a
// value belongs to the first band of its indicator whose `upper` is absent,
// or above the value (at least the value when `upper_inclusive`).
struct IndicatorBand {
  std::optional<double> upper;
  bool upper_inclusive = false;
  std::string vi, en;
  std::string colour;  // "#rrggbb"
};

struct IndicatorDefinition {
  std::string code, vi, en, unit;
  IndicatorKind kind = IndicatorKind::kRatio;
  std::vector<MeasureRef> numerator;    // count: the one measure
  std::vector<MeasureRef> denominator;
  std::vector<MeasureRef> events;       // what counts as "events" for the small-numbers flag (default numerator)
  double multiplier = 1;
  std::string minuend, subtrahend;      // difference
  std::string method;                   // method: tfr, median_age, e0
  double min_events = 0;                // below this many events the value is flagged small_numbers
  int precision = 0;                    // decimal places shown (tables, charts, exports)
  std::vector<IndicatorBand> bands;     // in order of `upper`; only the last may have none
  // Whether it is computed from a life table (e0), whose deaths may be pooled over years.
  bool uses_life_table() const { return kind == IndicatorKind::kMethod && method == "e0"; }
  // The band `value` belongs to (null when the indicator has none).
  const IndicatorBand* band_of(double value) const;
};

struct IndicatorValue {
  std::optional<double> value;
  std::optional<double> numerator, denominator;
  std::string unit;
  // Most values carry no flag or one or two: kept inline, not on the heap.
  boost::container::small_vector<std::string, 2> flags;
};

// A unit's deaths and exposure over several years ending with a period,
// for life tables when deaths are few, with the label of those years.
struct PooledLifeTable {
  const LifeTableCounts* counts = nullptr;
  const std::string* label = nullptr;
};

// Where a method finds them (the reporter, which counts them once, when
// first asked).
class PooledYears {
 public:
  virtual ~PooledYears() = default;
  // The `years` (3 or 5) ending with the period, of unit slot `slot`; none
  // when they are not longer than the period.
  virtual std::optional<PooledLifeTable> pooled(int32_t slot, int years) = 0;
};

// What a method may need beyond the unit's counts for the period.
struct MethodContext {
  const Period* period = nullptr;
  int32_t slot = -1;
  PooledYears* pooled_years = nullptr;  // null: no pooling
};

class IndicatorCatalogue {
 public:
  static IndicatorCatalogue defaults();
  // Adds or replaces definitions from a JSON array (docs/indicators.md).
  Status merge_json(const nlohmann::json& doc);

  const std::vector<IndicatorDefinition>& definitions() const { return defs_; }
  const IndicatorDefinition* find(std::string_view code) const;
  IndicatorValue evaluate(const IndicatorDefinition& def, const UnitCounts& c, const MethodContext& ctx) const;

 private:
  std::vector<IndicatorDefinition> defs_;
};

const char* default_catalogue_json();

// Methods of demography/ applied to counts (analytics/methods.cpp).
IndicatorValue evaluate_method(const IndicatorDefinition& def, const UnitCounts& c, const MethodContext& ctx);

}  // namespace danso::analytics
