// The "method" indicators: demographic methods applied to a unit's counts.
#include <algorithm>
#include <array>
#include <cmath>

#include "analytics/indicator_catalogue.h"
#include "demography/age_structure.h"
#include "demography/fertility.h"
#include "demography/life_table.h"

namespace danso::analytics {

namespace {

// TFR from the 5-year ASFRs 15-19 .. 45-49 (demography::total_fertility_rate;
// births to mothers under 15 counted in 15-19 and 50+ in 45-49).
IndicatorValue tfr(const UnitCounts& c) {
  IndicatorValue v;
  demography::BirthsByMotherAge b;
  b.births.reserve(7);
  std::vector<double> exposure;
  exposure.reserve(7);
  double births = 0, py_all = 0;
  for (int a = 0; a < kAges; ++a) {
    const double n = double(c.births_by_mother_age[size_t(a)]);
    births += n;
    if (a < 15) b.under_15 += n;
    else if (a >= 50) b.over_49 += n;
  }
  for (int g = 15; g <= 45; g += 5) {
    double n = 0;
    for (int a = g; a <= g + 4; ++a) n += double(c.births_by_mother_age[size_t(a)]);
    const double py = person_years(c.person_days, 1, g, g + 4);
    b.births.push_back(n);
    exposure.push_back(py);
    py_all += py;
  }
  v.numerator = births;
  v.denominator = py_all;
  // A group without women contributes no rate (a flag says so); births
  // there leave the rate undefined.
  auto groups = demography::births_by_fertility_group(b);
  demography::FertilitySchedule rates;
  rates.rates.reserve(7);
  bool missing = false;
  for (size_t i = 0; groups && i < groups->size(); ++i) {
    if (exposure[i] > 0) rates.rates.push_back((*groups)[i] / exposure[i]);
    else if ((*groups)[i] > 0 || py_all <= 0) {
      v.flags.push_back("no_denominator");
      return v;
    } else {
      rates.rates.push_back(0);
      missing = true;
    }
  }
  v.value = demography::total_fertility_rate(rates);
  if (missing) v.flags.push_back("age_groups_without_women");
  return v;
}

// Median age of the population on the period's last day, interpolated within
// the single-year group holding the middle person (demography::median_age).
IndicatorValue median_age(const UnitCounts& c) {
  IndicatorValue v;
  demography::AgeGroups g;
  g.ages.reserve(kAges);
  g.counts.reserve(kAges);
  double total = 0;
  for (int a = 0; a < kAges; ++a) {
    g.ages.push_back(a);
    g.counts.push_back(double(c.pop_end[0][size_t(a)] + c.pop_end[1][size_t(a)]));
    total += g.counts.back();
  }
  v.denominator = total;
  auto m = demography::median_age(g);
  if (m) v.value = *m;
  else v.flags.push_back(total > 0 ? "median_in_open_group" : "no_denominator");
  return v;
}

// Below this many person-years of exposure (after pooling) a life table's
// e0 is not given: its deaths are too few for the value to mean anything
// (one infant death over a few days of exposure gives e0 = 0.34). 5,000
// person-years is the smallest population Eayres and Williams (2004,
// J Epidemiol Community Health 58:243) found an abridged life table's e0
// usable for; docs/indicators.md.
constexpr double kE0MinPersonYears = 5000;

// Life expectancy at birth from an abridged life table (0, 1-4, 5-9, ...,
// 80-84, 85+) of both sexes built from the unit's deaths and person-years
// (demography/life_table.h, default nax rules).
IndicatorValue e0_from(const AgeSex& deaths, const AgeSexDays& person_days) {
  IndicatorValue v;
  constexpr size_t kGroups = 19;  // 0, 1-4, 5-9, ..., 80-84, 85+
  std::array<double, kGroups> ages{}, widths{}, mx{};
  size_t k = 0;
  double deaths_all = 0, exposure_all = 0;
  auto group = [&](int lo, int hi) {
    double d = 0;
    int64_t days = 0;
    for (int a = lo; a <= hi; ++a)
      for (int s = 0; s < 2; ++s) d += double(deaths[size_t(s)][size_t(a)]), days += person_days[size_t(s)][size_t(a)];
    const double py = double(days) / kDaysPerYear;
    deaths_all += d;
    exposure_all += py;
    ages[k] = lo;
    widths[k] = hi >= kAges - 1 ? 0 : hi - lo + 1;
    mx[k] = py > 0 ? d / py : 0;
    ++k;
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
  if (exposure_all < kE0MinPersonYears) {
    v.flags.push_back("too_few_person_years");
    return v;
  }
  if (deaths_all <= 0) {
    v.flags.push_back("no_deaths");
    return v;
  }
  auto e0 = demography::life_expectancy_at_birth(ages, widths, mx);
  if (!e0) {
    v.flags.push_back("no_deaths_in_open_group");
    return v;
  }
  v.value = *e0;
  return v;
}

// When deaths are few, pool the years before the period (3, then 5 years
// ending with it) and say so in a flag "pooled:<days>".
IndicatorValue e0(const IndicatorDefinition& def, const UnitCounts& c, const MethodContext& ctx) {
  int64_t deaths = 0;
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < kAges; ++a) deaths += c.deaths[size_t(s)][size_t(a)];
  if (def.min_events <= 0 || deaths >= def.min_events || !ctx.pooled_years) return e0_from(c.deaths, c.person_days);
  for (int years : {3, 5}) {
    auto pooled = ctx.pooled_years->pooled(ctx.slot, years);
    if (!pooled) continue;
    if (pooled->counts->total_deaths() >= def.min_events || years == 5) {
      IndicatorValue v = e0_from(pooled->counts->deaths, pooled->counts->person_days);
      v.flags.push_back("pooled:" + *pooled->label);
      return v;
    }
  }
  return e0_from(c.deaths, c.person_days);
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
