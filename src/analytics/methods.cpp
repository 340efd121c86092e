// The "method" indicators: demographic methods applied to a unit's counts.
#include <algorithm>
#include <cmath>

#include "analytics/indicator_catalogue.h"
#include "demography/life_table.h"

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

double total_deaths(const UnitCounts& c) {
  double d = 0;
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) d += double(c.deaths[size_t(s)][size_t(a)]);
  return d;
}

// Life expectancy at birth from an abridged life table (0, 1-4, 5-9, ...,
// 80-84, 85+) of both sexes built from the unit's deaths and person-years
// (demography/life_table.h, default nax rules).
IndicatorValue e0_from(const UnitCounts& c) {
  IndicatorValue v;
  std::vector<double> ages, widths, mx;
  double deaths_all = 0, exposure_all = 0;
  auto group = [&](int lo, int hi) {
    double d = 0, py = 0;
    for (int a = lo; a <= hi; ++a)
      for (int s = 0; s < 2; ++s) d += double(c.deaths[size_t(s)][size_t(a)]), py += c.person_years[size_t(s)][size_t(a)];
    deaths_all += d;
    exposure_all += py;
    ages.push_back(lo);
    widths.push_back(hi >= kAges - 1 ? 0 : hi - lo + 1);
    mx.push_back(py > 0 ? d / py : 0);
  };
  group(0, 0);
  group(1, 4);
  for (int a = 5; a < 85; a += 5) group(a, a + 4);
  group(85, kAges - 1);
  v.numerator = deaths_all;
  v.denominator = exposure_all;
  if (exposure_all <= 0) {
    v.flags.push_back("no_denominator");
    return v;
  }
  auto t = demography::life_table(ages, widths, mx);
  if (!t) {
    v.flags.push_back("no_deaths_in_open_group");
    return v;
  }
  v.value = t->e0;
  return v;
}

// When deaths are few, pool the years before the period (3, then 5 years
// ending with it) and say so in a flag "pooled:<days>".
IndicatorValue e0(const IndicatorDefinition& def, const UnitCounts& c, const MethodContext& ctx) {
  if (def.min_events <= 0 || total_deaths(c) >= def.min_events || !ctx.pooled) return e0_from(c);
  for (int years : {3, 5}) {
    auto pooled = ctx.pooled(years);
    if (!pooled) continue;
    if (total_deaths(pooled->first) >= def.min_events || years == 5) {
      IndicatorValue v = e0_from(pooled->first);
      v.flags.push_back("pooled:" + pooled->second);
      return v;
    }
  }
  return e0_from(c);
}

}  // namespace

IndicatorValue evaluate_method(const IndicatorDefinition& def, const UnitCounts& c, const MethodContext& ctx) {
  IndicatorValue v;
  if (def.method == "tfr") v = tfr(c);
  else if (def.method == "median_age") v = median_age(c);
  else if (def.method == "e0") v = e0(def, c, ctx);
  if (def.min_events > 0 && v.numerator && *v.numerator < def.min_events) v.flags.push_back("small_numbers");
  return v;
}

}  // namespace danso::analytics
