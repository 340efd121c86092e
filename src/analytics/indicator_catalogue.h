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

#include <nlohmann/json.hpp>

#include "analytics/base_counts.h"
#include "analytics/measures.h"
#include "core/period.h"

namespace danso::analytics {

enum class IndicatorKind { kCount, kRatio, kDifference, kMethod };

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
};

struct IndicatorValue {
  std::optional<double> value;
  std::optional<double> numerator, denominator;
  std::string unit;
  std::vector<std::string> flags;
};

// What a method may need beyond the unit's counts for the period.
struct MethodContext {
  const Period* period = nullptr;
  // Counts of the same unit over a longer period ending with this one, for
  // life tables when deaths are few; with its label.
  std::function<std::optional<std::pair<LifeTableCounts, std::string>>(int years)> pooled;
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
