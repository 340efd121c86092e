// Date: a calendar day (proleptic Gregorian), stored as days since 1970-01-01.
// The register's facts are all dated to the day; periods, ages and exposure
// are computed from these values. Parsing accepts ISO 8601 "YYYY-MM-DD" only.
//
//   auto d = Date::parse("2025-07-01");   // Result<Date>
//   d->add_days(-1).iso();                 // "2025-06-30"
//   age_in_years(birth, on)               // completed years
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace danso {

class Date {
 public:
  constexpr Date() = default;
  static Date from_days(int32_t days) { Date d; d.days_ = days; return d; }
  static Result<Date> from_ymd(int year, int month, int day);
  static Date from_ymd_unchecked(int year, int month, int day);
  // Parses "YYYY-MM-DD"; `field` names the column in the error.
  static Result<Date> parse(std::string_view text, std::string_view field = "date");

  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  void ymd(int& y, int& m, int& d) const;
  Date add_days(int32_t n) const { return from_days(days_ + n); }
  std::string iso() const;
  // "DD/MM/YYYY", as Vietnamese forms write a day: 03/11/2025.
  std::string dmy() const;
  // Writes the 10 characters of "YYYY-MM-DD" (no terminator) into `out`.
  void write_iso(char* out) const;

  auto operator<=>(const Date&) const = default;

  static constexpr int32_t kMinDays = -25567;  // 1900-01-01
  static constexpr int32_t kMaxDays = 47481;   // 2099-12-31

 private:
  int32_t days_ = 0;
};

// Completed years of age on `on` for someone born on `birth` (a person born on
// 29 February turns a year older on 1 March in common years).
int age_in_years(Date birth, Date on);

bool is_leap_year(int year);
// Day number (days since 1970-01-01) of a civil date and back; no checks.
int32_t days_from_civil(int y, int m, int d);
void civil_from_days(int32_t days, int& y, int& m, int& d);
int days_in_month(int year, int month);

}  // namespace danso
