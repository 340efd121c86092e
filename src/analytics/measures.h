// Measures: the named base quantities of UnitCounts that indicator
// definitions are written in, so that a new ratio indicator is data, not
// code. A measure is a name with an optional age range in brackets:
//
//   births                    person_years_female[15-49]
//   population_end[0-14]      population_end[65+]      births_mother_age[0-19]
//
// Every name and its meaning is listed by measure_names() and in
// docs/indicators.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analytics/base_counts.h"
#include "core/result.h"

namespace danso::analytics {

// Reads one measure over an age range from the counts.
using MeasureFn = double (*)(const UnitCounts& c, int age_from, int age_to);

struct MeasureRef {
  std::string name;   // e.g. "population_end"
  int age_from = 0;   // inclusive
  int age_to = kAges - 1;  // inclusive (100 = 100+)
  std::string text;   // as written
  MeasureFn get = nullptr;  // resolved from the name when parsed
};

Result<MeasureRef> parse_measure(std::string_view text);
double measure_value(const UnitCounts& c, const MeasureRef& m);
// Names with a description, for documentation and error messages.
std::vector<std::pair<std::string, std::string>> measure_names();

}  // namespace danso::analytics
