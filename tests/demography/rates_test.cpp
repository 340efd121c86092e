// Crude rates over person-years: annualised for months and quarters.
#include <gtest/gtest.h>

#include "demography/rates.h"

using namespace danso::demography;

namespace {

TEST(demography_rates, YearlyRates) {
  // 1,800 births and 600 deaths in a year by a mid-year population of 100,000.
  const double py = person_years(100000, 1);
  EXPECT_DOUBLE_EQ(*crude_birth_rate(1800, py), 18.0);
  EXPECT_DOUBLE_EQ(*crude_death_rate(600, py), 6.0);
  EXPECT_DOUBLE_EQ(*rate_of_natural_increase(1800, 600, py), 12.0);
  EXPECT_DOUBLE_EQ(*rate_of_natural_increase(500, 600, py), -1.0);
}

TEST(demography_rates, MonthsAndQuartersAreAnnualised) {
  // 30 births in one month by 12,000 people: 30 / 1,000 person-years = 30 per 1,000 a year.
  EXPECT_DOUBLE_EQ(person_years(12000, years_of_months(1)), 1000.0);
  EXPECT_DOUBLE_EQ(*crude_birth_rate(30, person_years(12000, years_of_months(1))), 30.0);
  // 45 deaths in a quarter by 10,000 people: 45 / 2,500 = 18 per 1,000 a year.
  EXPECT_DOUBLE_EQ(*crude_death_rate(45, person_years(10000, years_of_quarters(1))), 18.0);
  // Six months (two quarters) equal half a year.
  EXPECT_DOUBLE_EQ(years_of_months(6), years_of_quarters(2));
  EXPECT_DOUBLE_EQ(years_of_days(73), 0.2);
  EXPECT_DOUBLE_EQ(*rate_per_thousand(2, 400), 5.0);
}

TEST(demography_rates, BadExposureOrCountsAreErrors) {
  auto r = crude_birth_rate(10, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().vi.empty());
  EXPECT_NE(r.error().en.find("person-years"), std::string::npos);
  EXPECT_FALSE(crude_death_rate(-1, 100).ok());
  EXPECT_FALSE(rate_of_natural_increase(1, -1, 100).ok());
  EXPECT_FALSE(rate_per_thousand(1, -5).ok());
}

}  // namespace
