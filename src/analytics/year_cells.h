// YearCells: the person-days of one village's spells over whole years of
// twelve months [y0, y1], by year, sex and completed age, without splitting
// every spell at birthdays. A year here starts on the 1st of a fixed month
// (the anchor: January for calendar years, the month after a period for the
// years pooled before it), and holds each person's birthday once. A person
// who lives all of year y, born in year b, lives the days up to their
// birthday at one age and the rest of the year at the next; so for the
// spells that run from the start of some year j to the end of y1 (nearly
// all of them) it is enough to count, by that first year, sex and birth
// cohort, the persons (n), the sum of their birthdays' day of the year (doy,
// counted in a year without 29 February) and how many have their birthday
// after a 29 February of the year (late: a day later in years that have
// one). Parts of years are added to the rows by year directly. finish()
// turns the cells into rows and sums the rows from each year to y1, so the
// person-days of any window [year j, y1] are one row: window(j).
//
// Counts are integers: the same days as splitting each spell at its
// birthdays (tests compare the two on random spells, for every anchor).
//
//   YearCells cells(2020, 2024);                          // calendar years
//   YearCells cells(2019, 2023, 3);                        // March 2019 .. February 2024
//   cells.add_whole(0, female, birth_year, birth_md);    // lived years 0..4 whole
//   cells.add_part(1, female, birth_year, birth_md, from, to);   // days inside year 1
//   cells.finish();
//   const AgeSexDays& d = cells.window(2);               // years 2..4
//   cells.clear();                                       // next village
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "analytics/base_counts.h"
#include "analytics/person_days.h"

namespace danso::analytics {

class YearCells {
 public:
  static constexpr int kMaxYears = 200;

  // Years y0 .. y1, each from the 1st of `anchor_month` of its year.
  YearCells(int y0, int y1, int anchor_month = 1);

  int first_year() const { return y0_; }
  int anchor_month() const { return anchor_; }
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
    const int c = std::clamp(y0_ + years_ - 1 - (birth_year - before_anchor_[birth_md]), 0, cohorts_ - 1);
    Cell& x = cells_[(size_t(j) * 2 + female) * size_t(cohorts_) + size_t(c)];
    ++x.n;
    x.doy += offset_[0][birth_md];
    x.late += offset_[1][birth_md] - offset_[0][birth_md];
    set_touched_[size_t(j)] = 1;
    touched_ = true;
  }

  // Days [from, to) of year index j.
  void add_part(int j, unsigned female, int birth_year, unsigned birth_md, int32_t from, int32_t to) {
    auto& row = rows_[size_t(j)][female];
    const int32_t birthday = start_[size_t(j)] + offset_[leap_[size_t(j)]][birth_md];
    // Ages as if born in the year whose anchor precedes the birthday.
    const int year = y0_ + j + before_anchor_[birth_md];
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
  int y0_, years_, anchor_, cohorts_;
  std::vector<int32_t> start_;
  std::vector<uint8_t> leap_;  // the year holds a 29 February
  // Days from the year's first day to a birthday (month*32+day), in a year
  // without [0] and with [1] a 29 February; 29 February falls on 1 March in
  // a year without one.
  std::array<std::array<int16_t, 13 * 32>, 2> offset_{};
  // 1 when a birthday comes before the anchor's month: it falls in the
  // calendar year after the one the year starts in.
  std::array<uint8_t, 13 * 32> before_anchor_{};
  std::vector<Cell> cells_;           // [first whole year][sex][cohort: y1 - birth year]
  std::vector<uint8_t> set_touched_;  // per first whole year
  std::vector<AgeSexDays> rows_;      // [year] person-days by sex and age
  std::vector<Cell> cum_;                // finish()'s running sum of the sets, [sex][cohort]
  std::vector<int64_t> before_, after_;  // finish()'s work rows, by cohort
  bool touched_ = false;
};

}  // namespace danso::analytics
