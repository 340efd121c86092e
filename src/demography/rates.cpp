#include "demography/rates.h"

#include <cmath>

namespace danso::demography {

namespace {

Status check(double events, double py, const char* field) {
  if (!(events >= 0) || !std::isfinite(events))
    return Error::invalid(field, "số sự kiện phải là số không âm", "the number of events must be a non-negative number");
  if (!(py > 0) || !std::isfinite(py))
    return Error::invalid("person_years", "số người-năm phơi nhiễm phải dương", "person-years of exposure must be positive");
  return {};
}

}  // namespace

double years_of_months(double months) { return months / 12.0; }
double years_of_quarters(double quarters) { return quarters / 4.0; }
double years_of_days(double days, double days_in_year) { return days / days_in_year; }

double person_years(double average_population, double years) { return average_population * years; }

Result<double> rate_per_thousand(double events, double py) {
  if (auto s = check(events, py, "events"); !s) return s.error();
  return 1000.0 * events / py;
}

Result<double> crude_birth_rate(double births, double py) {
  if (auto s = check(births, py, "births"); !s) return s.error();
  return 1000.0 * births / py;
}

Result<double> crude_death_rate(double deaths, double py) {
  if (auto s = check(deaths, py, "deaths"); !s) return s.error();
  return 1000.0 * deaths / py;
}

Result<double> rate_of_natural_increase(double births, double deaths, double py) {
  if (auto s = check(births, py, "births"); !s) return s.error();
  if (auto s = check(deaths, py, "deaths"); !s) return s.error();
  return 1000.0 * (births - deaths) / py;
}

}  // namespace danso::demography
