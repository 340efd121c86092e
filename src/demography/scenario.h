// Scenario paths for projections: a quantity given for some years (a TFR of
// 1.9 in 2030, an e0 of 76 in 2035), read for every year by linear
// interpolation, held constant after the last given year, and reached from
// the base value before the first; and the adjustments that make a schedule
// meet a target: ASFRs scaled proportionally to a TFR (the age pattern kept),
// death rates scaled by one factor to an e0 (the age pattern kept; the factor
// found by bisection, since e0 falls monotonically as the factor grows).
//
//   Path tfr{.points = {{2030, 1.9}}};
//   tfr.at(2027, 2024, 2.3);        // 2.3 + (1.9 - 2.3) * 3/6 = 2.1
//   auto mx2 = scale_to_e0(mx, ages, widths, 76.0, options);
#pragma once

#include <map>
#include <vector>

#include "core/result.h"
#include "demography/life_table.h"

namespace danso::demography {

struct Path {
  std::map<int, double> points;  // year -> value
  bool empty() const { return points.empty(); }
  // The value in `year`: between two given years linear; after the last, the
  // last; before the first, linear from (base_year, base_value).
  double at(int year, int base_year, double base_value) const;
};

// ASFRs multiplied by target / TFR(asfr), keeping the age pattern. `width`
// is the years per group (1 or 5). Error when the schedule has no births.
Result<std::vector<double>> scale_to_tfr(const std::vector<double>& asfr, int width, double target_tfr);

// Death rates multiplied by one factor k so that the life table built from
// them (ages, widths, options as life_table()) has e0 = target within
// 1e-6 years. Error when no factor in [1e-4, 1e4] reaches the target.
Result<std::vector<double>> scale_to_e0(const std::vector<double>& mx, const std::vector<double>& ages,
                                        const std::vector<double>& widths, double target_e0,
                                        const LifeTableOptions& options = {});

}  // namespace danso::demography
