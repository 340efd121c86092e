// The "method" indicators: demographic methods applied to a unit's counts.
#include <algorithm>
#include <cmath>

#include "analytics/indicator_catalogue.h"

namespace danso::analytics {

namespace {

// TFR = 5 x the sum of the 5-year ASFRs 15-19 .. 45-49 (per woman), births to
// mothers under 15 counted in 15-19 and 50+ in 45-49 (UN Demographic
// Yearbook technical notes, "total fertility rate").
IndicatorValue tfr(const UnitCounts& c) {
  IndicatorValue v;
  double sum = 0, births = 0, exposure = 0;
  for (int g = 15; g <= 45; g += 5) {
    const int lo = g == 15 ? 0 : g, hi = g == 45 ? kAges - 1 : g + 4;
    double b = 0, py = 0;
    for (int a = lo; a <= hi; ++a) b += double(c.births_by_mother_age[size_t(a)]);
    for (int a = g; a <= g + 4; ++a) py += c.person_years[1][size_t(a)];
    births += b;
    exposure += py;
    if (py > 0) sum += b / py;
    else if (b > 0) {
      v.flags.push_back("no_denominator");
      return v;
    }
  }
  v.numerator = births;
  v.denominator = exposure;
  if (exposure > 0) v.value = 5 * sum;
  else v.flags.push_back("no_denominator");
  return v;
}

// Median age of the population on the period's last day, by linear
// interpolation within the single-year group holding the middle person:
// median = x + (N/2 - C_x) / n_x, with C_x persons below age x and n_x aged x
// (Shryock and Siegel, The Methods and Materials of Demography, ch. 7).
IndicatorValue median_age(const UnitCounts& c) {
  IndicatorValue v;
  double total = 0;
  std::array<double, kAges> n{};
  for (int a = 0; a < kAges; ++a) total += n[size_t(a)] = double(c.pop_end[0][size_t(a)] + c.pop_end[1][size_t(a)]);
  v.denominator = total;
  if (total <= 0) {
    v.flags.push_back("no_denominator");
    return v;
  }
  double below = 0;
  for (int a = 0; a < kAges; ++a) {
    if (below + n[size_t(a)] >= total / 2 && n[size_t(a)] > 0) {
      v.value = a + (total / 2 - below) / n[size_t(a)];
      return v;
    }
    below += n[size_t(a)];
  }
  return v;
}

}  // namespace

IndicatorValue evaluate_method(const IndicatorDefinition& def, const UnitCounts& c, const MethodContext& ctx) {
  (void)ctx;
  IndicatorValue v;
  if (def.method == "tfr") v = tfr(c);
  else if (def.method == "median_age") v = median_age(c);
  if (def.min_events > 0 && v.numerator && *v.numerator < def.min_events) v.flags.push_back("small_numbers");
  return v;
}

}  // namespace danso::analytics
