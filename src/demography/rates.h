// Crude rates per 1,000 person-years of exposure: the births, deaths or
// natural increase of a period divided by the person-years the population
// lived in it (UN Demographic Yearbook, technical notes to the tables of
// natality and mortality; Preston, Heuveline and Guillot, Demography, 2001,
// §1.5). Because the denominator is person-years, a rate over a month or a
// quarter is already annualised: 30 births in a month by a population of
// 12,000 are 30 / (12,000 · 1/12) · 1,000 = 30 per 1,000 a year.
//
//   double py = person_years(12000, years_of_months(1));   // 1,000 person-years
//   Result<double> cbr = crude_birth_rate(30, py);          // 30.0
#pragma once

#include "core/result.h"

namespace danso::demography {

// Length of a period in years, for exposure.
double years_of_months(double months);      // months / 12
double years_of_quarters(double quarters);  // quarters / 4
double years_of_days(double days, double days_in_year = 365);

// Person-years lived by a population averaging `average_population` over a
// period of `years` years (mid-period population × length, UN DYB).
double person_years(double average_population, double years);

// 1,000 · events / person-years. Errors: negative events, exposure not positive.
Result<double> rate_per_thousand(double events, double person_years);

Result<double> crude_birth_rate(double births, double person_years);
Result<double> crude_death_rate(double deaths, double person_years);
// (births − deaths) per 1,000 person-years; negative when deaths exceed births.
Result<double> rate_of_natural_increase(double births, double deaths, double person_years);

}  // namespace danso::demography
