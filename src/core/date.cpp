#include "core/date.h"

#include <cstdio>

namespace danso {

// Day-number conversions of the proleptic Gregorian calendar: the
// days_from_civil / civil_from_days algorithms of H. Hinnant, "chrono-
// Compatible Low-Level Date Algorithms" (public domain), used here for speed.
int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = unsigned((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int32_t(doe) - 719468;
}

void civil_from_days(int32_t z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = int(doy - (153 * mp + 2) / 5 + 1);
  m = int(mp < 10 ? mp + 3 : mp - 9);
  y = int(yoe) + era * 400 + (m <= 2);
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

Date Date::from_ymd_unchecked(int year, int month, int day) {
  return from_days(days_from_civil(year, month, day));
}

Result<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return Error::invalid("date", std::string("ngày không hợp lệ: ") + buf,
                          std::string("not a valid date: ") + buf);
  }
  return from_ymd_unchecked(year, month, day);
}

Result<Date> Date::parse(std::string_view text, std::string_view field) {
  auto bad = [&]() {
    return Error::invalid(std::string(field),
                          "ngày không hợp lệ (cần dạng YYYY-MM-DD): '" + std::string(text) + "'",
                          "not a valid date (expected YYYY-MM-DD): '" + std::string(text) + "'");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lens[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < lens[i]; ++j) {
      char c = text[starts[i] + j];
      if (c < '0' || c > '9') return bad();
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  auto d = from_ymd(parts[0], parts[1], parts[2]);
  if (!d) return bad();
  return d;
}

void Date::ymd(int& y, int& m, int& d) const { civil_from_days(days_, y, m, d); }

int Date::year() const {
  int y, m, d;
  civil_from_days(days_, y, m, d);
  return y;
}
int Date::month() const {
  int y, m, d;
  civil_from_days(days_, y, m, d);
  return m;
}
int Date::day() const {
  int y, m, d;
  civil_from_days(days_, y, m, d);
  return d;
}

void Date::write_iso(char* out) const {
  int y, m, d;
  ymd(y, m, d);
  out[0] = char('0' + y / 1000 % 10);
  out[1] = char('0' + y / 100 % 10);
  out[2] = char('0' + y / 10 % 10);
  out[3] = char('0' + y % 10);
  out[4] = '-';
  out[5] = char('0' + m / 10);
  out[6] = char('0' + m % 10);
  out[7] = '-';
  out[8] = char('0' + d / 10);
  out[9] = char('0' + d % 10);
}

std::string Date::iso() const {
  std::string s(10, ' ');
  write_iso(s.data());
  return s;
}

std::string Date::dmy() const {
  const std::string s = iso();
  return s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4);
}

int age_in_years(Date birth, Date on) {
  int by, bm, bd, oy, om, od;
  birth.ymd(by, bm, bd);
  on.ymd(oy, om, od);
  int age = oy - by;
  if (om < bm || (om == bm && od < bd)) --age;
  return age;
}

}  // namespace danso
