#include "analytics/year_cells.h"

#include <algorithm>

namespace danso::analytics {

namespace {

// row[clamp_age(c - shift)] += v[c] for every cohort c, in three runs so
// that the middle one is a plain loop the compiler vectorises.
void add_shifted(std::array<int64_t, kAges>& row, const int64_t* v, int cohorts, int shift) {
  const int lo_end = std::min(cohorts, shift + 1);  // c - shift <= 0
  const int hi_begin = std::max(lo_end, std::min(cohorts, shift + kAges - 1));  // c - shift >= 100
  int64_t lo = 0, hi = 0;
  for (int c = 0; c < lo_end; ++c) lo += v[c];
  for (int c = lo_end; c < hi_begin; ++c) row[size_t(c - shift)] += v[c];
  for (int c = hi_begin; c < cohorts; ++c) hi += v[c];
  row[0] += lo;
  row[kAges - 1] += hi;
}

}  // namespace

YearCells::YearCells(int y0, int y1, int anchor_month)
    : y0_(y0), years_(y1 - y0 + 1), anchor_(anchor_month), cohorts_(kAges + years_ + 1) {
  for (int j = 0; j <= years_; ++j) start_.push_back(days_from_civil(y0 + j, anchor_, 1));
  // The 29 February a year holds is its first calendar year's when it starts
  // in January or February, else the next one's.
  for (int j = 0; j < years_; ++j) leap_.push_back(is_leap_year(y0 + j + (anchor_ <= 2 ? 0 : 1)) ? 1 : 0);
  for (int leap = 0; leap < 2; ++leap) {
    // A year starting on the anchor's 1st with (2000 or 1999 .. 2000) or
    // without (2001 .. 2002) a 29 February.
    const int y = leap ? (anchor_ <= 2 ? 2000 : 1999) : 2001;
    const int32_t first = days_from_civil(y, anchor_, 1);
    for (int m = 1; m <= 12; ++m) {
      const int cy = m >= anchor_ ? y : y + 1;
      const int n = days_in_month(cy, m);
      for (int d = 1; d <= 31; ++d)
        offset_[size_t(leap)][size_t(m * 32 + d)] = int16_t(days_from_civil(cy, m, 1) + std::min(d, n + 1) - 1 - first);
    }
  }
  for (int m = 1; m <= 12; ++m)
    for (int d = 0; d < 32; ++d) before_anchor_[size_t(m * 32 + d)] = m < anchor_ ? 1 : 0;
  cells_.assign(size_t(years_) * 2 * size_t(cohorts_), Cell{});
  set_touched_.assign(size_t(years_), 0);
  rows_.assign(size_t(years_), AgeSexDays{});
}

void YearCells::finish() {
  if (!touched_) return;
  const size_t per_set = 2 * size_t(cohorts_);
  std::vector<Cell>& cum = cum_;
  cum.assign(per_set, Cell{});
  before_.resize(size_t(cohorts_));
  after_.resize(size_t(cohorts_));
  bool any = false;
  for (int j = 0; j < years_; ++j) {
    // The persons who lived all of year j: those whose whole years began
    // with it or before.
    if (set_touched_[size_t(j)]) {
      const Cell* set = &cells_[size_t(j) * per_set];
      for (size_t i = 0; i < per_set; ++i) {
        cum[i].n += set[i].n;
        cum[i].doy += set[i].doy;
        cum[i].late += set[i].late;
      }
      any = true;
    }
    if (!any) continue;
    const int back = years_ - 1 - j, leap = leap_[size_t(j)], len = 365 + leap;
    for (unsigned sex = 0; sex < 2; ++sex) {
      const Cell* x = &cum[sex * size_t(cohorts_)];
      for (int c = 0; c < cohorts_; ++c) {
        const int64_t before = int64_t(x[c].doy) + int64_t(leap) * x[c].late;
        before_[size_t(c)] = before;
        after_[size_t(c)] = int64_t(x[c].n) * len - before;
      }
      // Cohort c (born in y1 - c) is aged c - back - 1 before its birthday
      // in year j and c - back after it.
      add_shifted(rows_[size_t(j)][sex], before_.data(), cohorts_, back + 1);
      add_shifted(rows_[size_t(j)][sex], after_.data(), cohorts_, back);
    }
  }
  for (int j = years_ - 2; j >= 0; --j)
    for (unsigned sex = 0; sex < 2; ++sex)
      for (int a = 0; a < kAges; ++a) rows_[size_t(j)][sex][size_t(a)] += rows_[size_t(j) + 1][sex][size_t(a)];
}

void YearCells::clear() {
  if (!touched_) return;
  const size_t per_set = 2 * size_t(cohorts_);
  for (int j = 0; j < years_; ++j)
    if (set_touched_[size_t(j)]) std::fill_n(cells_.begin() + ptrdiff_t(size_t(j) * per_set), per_set, Cell{});
  std::fill(set_touched_.begin(), set_touched_.end(), 0);
  std::fill(rows_.begin(), rows_.end(), AgeSexDays{});
  touched_ = false;
}

}  // namespace danso::analytics
