#include "demography/births.h"

#include <cmath>

namespace danso::demography {

namespace {

// numerator / denominator, both counts; the numerator may not exceed the
// denominator when `part_of_whole`.
Result<double> ratio(double num, double den, bool part_of_whole, const char* field) {
  if (!(num >= 0) || !(den >= 0) || !std::isfinite(num) || !std::isfinite(den))
    return Error::invalid(field, "số đếm phải là số không âm", "counts must be non-negative numbers");
  if (!(den > 0)) return Error::invalid(field, "mẫu số bằng 0: chỉ số không xác định", "the denominator is zero: undefined");
  if (part_of_whole && num > den)
    return Error::invalid(field, "tử số lớn hơn mẫu số", "the numerator exceeds the denominator");
  return num / den;
}

}  // namespace

Result<double> sex_ratio_at_birth(double boys, double girls) {
  auto r = ratio(boys, girls, false, "girls");
  if (!r) return r;
  return 100.0 * *r;
}

Result<double> sex_ratio_at_birth_boys_per_girl(double boys, double girls) { return ratio(boys, girls, false, "girls"); }

Result<double> share_of_births_of_order_3_plus(double order3, double births) {
  auto r = ratio(order3, births, true, "births");
  if (!r) return r;
  return 100.0 * *r;
}

Result<double> share_of_mothers_with_birth_of_order_3_plus(double mothers3, double mothers) {
  auto r = ratio(mothers3, mothers, true, "mothers");
  if (!r) return r;
  return 100.0 * *r;
}

}  // namespace danso::demography
