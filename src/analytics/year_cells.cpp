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
