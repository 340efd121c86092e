// Age structure of a population given by age groups (single years, 5-year
// groups or any contiguous groups, the last open): shares of the young and
// old, dependency ratios and the ageing index with the age cut-offs as
// parameters, median age and sex ratio (UN, Handbook on Population and
// Housing Census Editing / Demographic Yearbook definitions; Preston et al.,
// Demography, 2001, §1.6; Shryock and Siegel, The Methods and Materials of
// Demography, ch. 7):
//   child dependency   = 100 · P(0 .. young−1) / P(young .. old−1)
//   old-age dependency = 100 · P(old+)         / P(young .. old−1)
//   total dependency   = child + old-age
//   ageing index       = 100 · P(old+) / P(0 .. young−1)
//   median age         = l + (N/2 − C) / f · n   (C: population below the median
//                        group [l, l+n), f: its population; linear within it)
//   sex ratio          = 100 · males / females
// Defaults are young = 15, old = 65; one plan (004) uses 15-59 and 60+.
//
//   AgeGroups p{.ages = {0, 15, 65}, .counts = {220, 670, 110}};
//   share_below(p, 15);                       // 22.0 (%)
//   total_dependency_ratio(p);                // 100 · 330 / 670
//   total_dependency_ratio(p, {.old = 60});   // needs a boundary at 60
#pragma once

#include <vector>

#include "core/result.h"

namespace danso::demography {

struct AgeGroups {
  std::vector<double> ages;    // first age of each group, increasing; the last group is open
  std::vector<double> counts;  // population of each group
};

struct AgeCutoffs {
  double young = 15;  // working ages start here
  double old = 65;    // old age starts here
};

// Per cent of the population below `age` / at `age` or over. `age` must be a
// group boundary.
Result<double> share_below(const AgeGroups& p, double age);
Result<double> share_at_or_over(const AgeGroups& p, double age);

Result<double> child_dependency_ratio(const AgeGroups& p, const AgeCutoffs& c = {});
Result<double> old_age_dependency_ratio(const AgeGroups& p, const AgeCutoffs& c = {});
Result<double> total_dependency_ratio(const AgeGroups& p, const AgeCutoffs& c = {});
Result<double> ageing_index(const AgeGroups& p, const AgeCutoffs& c = {});

// Error when the median falls in the open group or the population is empty.
Result<double> median_age(const AgeGroups& p);

Result<double> sex_ratio(double males, double females);

}  // namespace danso::demography
