#include "demography/scenario.h"

#include <cmath>
#include <numeric>

namespace danso::demography {

double Path::at(int year, int base_year, double base_value) const {
  if (points.empty()) return base_value;
  auto next = points.lower_bound(year);
  if (next == points.end()) return std::prev(next)->second;
  if (next->first == year) return next->second;
  int y0 = base_year;
  double v0 = base_value;
  if (next != points.begin()) y0 = std::prev(next)->first, v0 = std::prev(next)->second;
  if (year <= y0 || next->first <= y0) return year <= y0 ? v0 : next->second;
  return v0 + (next->second - v0) * double(year - y0) / double(next->first - y0);
}

Result<std::vector<double>> scale_to_tfr(const std::vector<double>& asfr, int width, double target_tfr) {
  const double tfr = width * std::accumulate(asfr.begin(), asfr.end(), 0.0);
  if (!(tfr > 0))
    return Error::invalid("tfr", "lịch sinh không có sinh nào: không đổi được theo TFR mục tiêu",
                          "the fertility schedule has no births: it cannot be scaled to a target TFR");
  if (!(target_tfr >= 0) || !std::isfinite(target_tfr))
    return Error::invalid("tfr", "TFR mục tiêu phải là số không âm", "the target TFR must be a number of at least 0");
  std::vector<double> out(asfr);
  for (double& f : out) f *= target_tfr / tfr;
  return out;
}

Result<std::vector<double>> scale_to_e0(const std::vector<double>& mx, const std::vector<double>& ages,
                                        const std::vector<double>& widths, double target_e0,
                                        const LifeTableOptions& options) {
  auto e0_at = [&](double k) -> Result<double> {
    std::vector<double> m(mx);
    for (double& x : m) x *= k;
    auto t = life_table(ages, widths, m, options);
    if (!t) return t.error();
    return t->e0;
  };
  double lo = 1e-4, hi = 1e4;  // e0 falls as k grows
  auto e_lo = e0_at(lo), e_hi = e0_at(hi);
  if (!e_lo) return e_lo.error();
  if (!e_hi) return e_hi.error();
  if (!(target_e0 <= *e_lo && target_e0 >= *e_hi))
    return Error::invalid("e0", "không đạt được tuổi thọ mục tiêu bằng cách nhân tỷ suất chết với một hệ số",
                          "the target life expectancy cannot be reached by scaling the death rates");
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = std::sqrt(lo * hi);
    auto e = e0_at(mid);
    if (!e) return e.error();
    if (std::fabs(*e - target_e0) < 1e-9) lo = hi = mid;
    else if (*e > target_e0) lo = mid;
    else hi = mid;
  }
  std::vector<double> out(mx);
  for (double& x : out) x *= (lo + hi) / 2;
  return out;
}

}  // namespace danso::demography
