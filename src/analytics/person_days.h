// Person-days by single year of age: how many days a person lived at each
// completed age inside a range of days, split at their birthdays. Days are
// whole numbers, so sums are exact in any order.
//
//   const YearTable yt(first_day, last_day);
//   add_person_days(birth_year, birth_md, from, to, yt, days[sex]);
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "analytics/base_counts.h"
#include "core/date.h"

namespace danso::analytics {

inline int clamp_age(int a) { return a < 0 ? 0 : (a >= kAges ? kAges - 1 : a); }

// Day of the year (0-based) of month*32+day in a common [0] and a leap [1]
// year; 29 February falls on 1 March in common years.
struct DayOfYear {
  std::array<std::array<int16_t, 13 * 32>, 2> t{};
  DayOfYear() {
    static constexpr int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int leap = 0; leap < 2; ++leap) {
      int before = 0;
      for (int m = 1; m <= 12; ++m) {
        const int n = len[m - 1] + (m == 2 && leap ? 1 : 0);
        for (int d = 1; d <= 31; ++d) t[size_t(leap)][size_t(m * 32 + d)] = int16_t(before + std::min(d, n + 1) - 1);
        before += n;
      }
    }
  }
};
inline const DayOfYear kDayOfYear;

// The calendar years a range of days touches, with their first days and
// leap flags, so that splitting at birthdays needs no date conversion.
struct YearTable {
  int first_year = 0;
  std::vector<int32_t> start;  // first day of each year, and of the year after the last
  std::vector<uint8_t> leap;
  YearTable(int32_t from, int32_t to_inclusive) {
    int y, m, d;
    civil_from_days(from, y, m, d);
    first_year = y;
    for (;; ++y) {
      start.push_back(days_from_civil(y, 1, 1));
      leap.push_back(is_leap_year(y) ? 1 : 0);
      if (start.back() > to_inclusive) break;
    }
  }
  // The year holding `day` (within the table's range).
  size_t index_of(int32_t day) const {
    size_t i = 0;
    while (i + 1 < start.size() && start[i + 1] <= day) ++i;
    return i;
  }
};

// Adds the days of [from, to) of a person born in `birth_year` on
// `birth_md` (month * 32 + day) to `days` by completed age; [from, to) lies
// within the table's years.
inline void add_person_days(int birth_year, unsigned birth_md, int32_t from, int32_t to, const YearTable& yt,
                            std::array<int64_t, kAges>& days) {
  for (size_t i = yt.index_of(from); from < to; ++i) {
    const int year = yt.first_year + int(i);
    const int32_t year_end = std::min(yt.start[i + 1], to);
    const int32_t birthday = yt.start[i] + kDayOfYear.t[yt.leap[i]][birth_md];
    if (from < birthday) {
      const int32_t stop = std::min(birthday, year_end);
      days[size_t(clamp_age(year - birth_year - 1))] += stop - from;
      from = stop;
    }
    if (from < year_end) {
      days[size_t(clamp_age(year - birth_year))] += year_end - from;
      from = year_end;
    }
  }
}

}  // namespace danso::analytics
