#include "core/date.h"

#include <chrono>
#include <cstdio>

namespace danso {

namespace {
std::chrono::year_month_day to_ymd(int32_t days) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}
}  // namespace

bool is_leap_year(int year) { return std::chrono::year{year}.is_leap(); }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

Date Date::from_ymd_unchecked(int year, int month, int day) {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                           std::chrono::day{unsigned(day)}};
  return from_days(static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count()));
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

void Date::ymd(int& y, int& m, int& d) const {
  const auto v = to_ymd(days_);
  y = int(v.year());
  m = int(unsigned(v.month()));
  d = int(unsigned(v.day()));
}

int Date::year() const { return int(to_ymd(days_).year()); }
int Date::month() const { return int(unsigned(to_ymd(days_).month())); }
int Date::day() const { return int(unsigned(to_ymd(days_).day())); }

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

int age_in_years(Date birth, Date on) {
  int by, bm, bd, oy, om, od;
  birth.ymd(by, bm, bd);
  on.ymd(oy, om, od);
  int age = oy - by;
  if (om < bm || (om == bm && od < bd)) --age;
  return age;
}

}  // namespace danso
