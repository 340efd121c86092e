// YearCells: the person-days of one village's spells over whole calendar
// years [y0, y1], by year, sex and completed age, without splitting every
// spell at birthdays. A person who lives all of year y, born in year b,
// lives doy(birthday) days at age y-b-1 and the rest of the year at age
// y-b; so for the spells that run from the start of some year j to the end
// of y1 (nearly all of them) it is enough to count, by that first year,
// sex and birth cohort, the persons (n), the sum of their birthdays' day of
// the common year (doy) and how many were born after February (late: their
// birthday is a day later in leap years). Parts of years are added to the
// rows by year directly. finish() turns the cells into rows and sums the
// rows from each year to y1, so the person-days of any window [year j, y1]
// are one row: window(j).
//
// Counts are integers: the same days as splitting each spell at its
// birthdays (tests compare the two on random spells).
//
//   YearCells cells(2020, 2024);
//   cells.add_whole(0, female, birth_year, birth_md);    // lived 2020..2024 whole
//   cells.add_part(1, female, birth_year, birth_md, from, to);   // days inside 2021
//   cells.finish();
//   const AgeSexDays& d = cells.window(2);               // 2022..2024
//   cells.clear();                                       // next village
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/base_counts.h"
#include "analytics/person_days.h"

namespace danso::analytics {

class YearCells {
 public:
  static constexpr int kMaxYears = 200;

  YearCells(int y0, int y1) : y0_(y0), years_(y1 - y0 + 1), cohorts_(kAges + years_) {
    for (int j = 0; j <= years_; ++j) start_.push_back(days_from_civil(y0 + j, 1, 1));
    for (int j = 0; j < years_; ++j) leap_.push_back(is_leap_year(y0 + j) ? 1 : 0);
    cells_.assign(size_t(years_) * 2 * size_t(cohorts_), Cell{});
    set_touched_.assign(size_t(years_), 0);
    rows_.assign(size_t(years_), AgeSexDays{});
  }

  int first_year() const { return y0_; }
  int years() const { return years_; }
  // The first day of year index j (0 <= j <= years(): the last is the day
  // after the counted years).
  int32_t year_start(int j) const { return start_[size_t(j)]; }
  // The index of the year holding `day` (inside the counted years).
  int year_of(int32_t day) const {
    int j = 0;
    while (start_[size_t(j) + 1] <= day) ++j;
    return j;
  }

  // A person who lived in the village from the start of year index j to the
  // end of the counted years.
  void add_whole(int j, unsigned female, int birth_year, unsigned birth_md) {
    const int c = std::clamp(y0_ + years_ - 1 - birth_year, 0, cohorts_ - 1);
    Cell& x = cells_[(size_t(j) * 2 + female) * size_t(cohorts_) + size_t(c)];
    ++x.n;
    x.doy += kDayOfYear.t[0][birth_md];
    x.late += birth_md >= 3 * 32 ? 1 : 0;
    set_touched_[size_t(j)] = 1;
    touched_ = true;
  }

  // Days [from, to) of year index j.
  void add_part(int j, unsigned female, int birth_year, unsigned birth_md, int32_t from, int32_t to) {
    auto& row = rows_[size_t(j)][female];
    const int32_t birthday = start_[size_t(j)] + kDayOfYear.t[leap_[size_t(j)]][birth_md];
    const int year = y0_ + j;
    if (from < birthday) {
      const int32_t stop = std::min(birthday, to);
      row[size_t(clamp_age(year - birth_year - 1))] += stop - from;
      from = stop;
    }
    if (from < to) row[size_t(clamp_age(year - birth_year))] += to - from;
    touched_ = true;
  }

  // Days [from, to), any part of the counted years.
  void add_days(unsigned female, int birth_year, unsigned birth_md, int32_t from, int32_t to) {
    for (int j = year_of(from); from < to; ++j) {
      const int32_t stop = std::min(to, start_[size_t(j) + 1]);
      add_part(j, female, birth_year, birth_md, from, stop);
      from = stop;
    }
  }

  // Turns the cells into rows by year, then sums each row with the later
  // ones, so that window(j) holds the days of years j .. the last.
  void finish();
  const AgeSexDays& window(int j) const { return rows_[size_t(j)]; }
  bool touched() const { return touched_; }
  // Zeroes cells and rows for the next village.
  void clear();

 private:
  struct Cell {
    int32_t n = 0, doy = 0, late = 0;
  };
  int y0_, years_, cohorts_;
  std::vector<int32_t> start_;
  std::vector<uint8_t> leap_;
  std::vector<Cell> cells_;           // [first whole year][sex][cohort: y1 - birth year]
  std::vector<uint8_t> set_touched_;  // per first whole year
  std::vector<AgeSexDays> rows_;      // [year] person-days by sex and age
  std::vector<Cell> cum_;                // finish()'s running sum of the sets, [sex][cohort]
  std::vector<int64_t> before_, after_;  // finish()'s work rows, by cohort
  bool touched_ = false;
};

}  // namespace danso::analytics
