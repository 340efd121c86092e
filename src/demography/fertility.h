// Period fertility measures (Preston, Heuveline and Guillot, Demography, 2001,
// §5.1-5.3; UN Demographic Yearbook technical notes, natality):
//   GFR   = 1,000 · births / person-years of women 15-49
//   nFx   = births to women aged [x, x+n) / their person-years      (ASFR)
//   TFR   = n · Σ nFx                                               (5·Σ for 5-year groups)
//   MAC   = Σ (x + n/2) · nFx / Σ nFx                               (mean age at childbearing)
//   GRR   = TFR · f,  f = share of births that are girls = 1 / (1 + SRB)
//   NRR   = f · Σ nFx · nLx / l0                                    (female life table, eq. 5.12)
// ASFRs cover 15-49 in 5-year groups (15-19, ..., 45-49) or single years
// (15, ..., 49). Births to mothers under 15 count in the first group, those
// 50 and over in the last, and births of unknown maternal age are spread over
// the groups in proportion to the births of known age (UN DYB practice).
//
//   BirthsByMotherAge b{.births = {10, 80, 120, 70, 30, 8, 1}, .unknown = 3};
//   auto s = age_specific_fertility_rates(b, women_person_years);   // width 5
//   total_fertility_rate(*s);
#pragma once

#include <vector>

#include "core/result.h"
#include "demography/life_table.h"

namespace danso::demography {

inline constexpr double kFertileAgeStart = 15, kFertileAgeEnd = 50;

// Age-specific fertility rates per woman per year, over groups of `width`
// years starting at age 15.
struct FertilitySchedule {
  int width = 5;
  std::vector<double> rates;
  double first_age(size_t group) const { return kFertileAgeStart + double(width) * double(group); }
};

struct BirthsByMotherAge {
  std::vector<double> births;  // 7 five-year groups 15-19..45-49, or 35 single years 15..49
  double under_15 = 0;         // counted in the first group
  double over_49 = 0;          // counted in the last group
  double unknown = 0;          // distributed pro rata over the groups
};

// 1,000 · births / person-years lived by women 15-49.
Result<double> general_fertility_rate(double births, double women_15_49_person_years);

// The births of each group after the three adjustments above.
Result<std::vector<double>> births_by_fertility_group(const BirthsByMotherAge& births);

// ASFRs from births and women's person-years of the same groups (7 or 35).
Result<FertilitySchedule> age_specific_fertility_rates(const BirthsByMotherAge& births,
                                                       const std::vector<double>& women_person_years);

double total_fertility_rate(const FertilitySchedule& s);
// Error when the schedule has no births.
Result<double> mean_age_at_childbearing(const FertilitySchedule& s);

// Share of births that are girls from the sex ratio at birth in boys per girl.
double female_share_of_births(double srb_boys_per_girl);
double gross_reproduction_rate(const FertilitySchedule& s, double female_share);
// nLx of the schedule's groups are read from the female life table (its
// groups must split at the schedule's boundaries).
Result<double> net_reproduction_rate(const FertilitySchedule& s, const LifeTable& female, double female_share);

}  // namespace danso::demography
