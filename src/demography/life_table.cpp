#include "demography/life_table.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace danso::demography {

namespace {

double by_sex(LifeSex sex, double male, double female) {
  switch (sex) {
    case LifeSex::kMale: return male;
    case LifeSex::kFemale: return female;
    case LifeSex::kBoth: return (male + female) / 2;
  }
  return (male + female) / 2;
}

const char* sex_name(LifeSex s) {
  return s == LifeSex::kMale ? "male" : s == LifeSex::kFemale ? "female" : "both";
}

std::string age_text(double age) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", age);
  return buf;
}

}  // namespace

// Preston et al. (2001) Table 3.3, after Coale and Demeny (1983).
double a0_coale_demeny(double m0, LifeSex sex) {
  if (m0 >= 0.107) return by_sex(sex, 0.330, 0.350);
  return by_sex(sex, 0.045 + 2.684 * m0, 0.053 + 2.800 * m0);
}

double a1_4_coale_demeny(double m0, LifeSex sex) {
  if (m0 >= 0.107) return by_sex(sex, 1.352, 1.361);
  return by_sex(sex, 1.651 - 2.816 * m0, 1.522 - 1.518 * m0);
}

// Andreev and Kingkade (2015), Table 3: a0 as a piecewise linear function of 1m0.
double a0_andreev_kingkade(double m0, LifeSex sex) {
  const double male = m0 < 0.02300 ? 0.14929 - 1.99545 * m0 : m0 < 0.08307 ? 0.02832 + 3.26201 * m0 : 0.29915;
  const double female = m0 < 0.01724 ? 0.14903 - 2.05527 * m0 : m0 < 0.06891 ? 0.04667 + 3.88089 * m0 : 0.31411;
  return by_sex(sex, male, female);
}

namespace {

enum class AxRule { kOpen, kGiven, kA0, kA1To4, kHalf };

// The checks of life_table(); a message names the age only when it fails.
Status check_inputs(std::span<const double> ages, std::span<const double> widths, std::span<const double> mx,
                    const LifeTableOptions& o) {
  const size_t k = ages.size();
  if (k == 0 || widths.size() != k || mx.size() != k)
    return Error::invalid("mx", "tuổi, độ rộng nhóm và mx phải có cùng số phần tử",
                          "ages, widths and mx must have the same number of entries");
  if (!o.ax.empty() && o.ax.size() != k)
    return Error::invalid("ax", "ax phải có một giá trị cho mỗi nhóm tuổi", "ax needs one value per age group");
  if (!(o.radix > 0) || !std::isfinite(o.radix))
    return Error::invalid("radix", "gốc bảng sống (radix) phải dương", "the radix must be positive");
  for (size_t i = 0; i < k; ++i) {
    if (!(mx[i] >= 0) || !std::isfinite(mx[i])) {
      const std::string a = age_text(ages[i]);
      return Error::invalid("mx", "mx ở tuổi " + a + " phải là số không âm", "mx at age " + a + " must be a non-negative number");
    }
    if (i + 1 < k && !(widths[i] > 0)) {
      const std::string a = age_text(ages[i]);
      return Error::invalid("n", "nhóm tuổi " + a + " cần độ rộng dương", "age group " + a + " needs a positive width");
    }
    if (i + 1 < k && std::fabs(ages[i] + widths[i] - ages[i + 1]) > 1e-9) {
      const std::string a = age_text(ages[i]);
      return Error::invalid("age", "nhóm tuổi không liền nhau ở tuổi " + a, "age groups are not contiguous at age " + a);
    }
    if (!o.ax.empty() && o.ax[i] >= 0 && i + 1 < k && o.ax[i] > widths[i]) {
      const std::string a = age_text(ages[i]);
      return Error::invalid("ax", "ax ở tuổi " + a + " lớn hơn độ rộng nhóm", "ax at age " + a + " exceeds the group's width");
    }
  }
  if (!(mx[k - 1] > 0))
    return Error::invalid("mx", "nhóm tuổi mở cần mx dương", "the open age group needs a positive mx");
  return {};
}

// One row of the table as computed, before Tx and ex.
struct RowValues {
  double n, ax, qx, lx, dx, Lx;
  AxRule rule;
};

// The rows in order from checked inputs: fn(i, row) for each; the one place
// the table's arithmetic is written (life_table and life_expectancy_at_birth).
template <typename Fn>
void each_row(std::span<const double> ages, std::span<const double> widths, std::span<const double> mx,
              const LifeTableOptions& o, Fn&& fn) {
  const size_t k = ages.size();
  double l = o.radix;
  const double m0 = mx[0];
  for (size_t i = 0; i < k; ++i) {
    const bool open = i + 1 == k;
    RowValues r{};
    r.n = open ? 0 : widths[i];
    const double m = mx[i];
    if (open) {  // L = l / M (eq. 3.6) fixes a = e = 1/M; a given value is not used
      r.ax = 1 / m;
      r.rule = AxRule::kOpen;
    } else if (!o.ax.empty() && o.ax[i] >= 0) {
      r.ax = o.ax[i];
      r.rule = AxRule::kGiven;
    } else if (ages[i] == 0 && widths[i] == 1) {
      const bool ak = o.a0_rule == A0Rule::kAndreevKingkade;
      r.ax = ak ? a0_andreev_kingkade(m0, o.sex) : a0_coale_demeny(m0, o.sex);
      r.rule = AxRule::kA0;
    } else if (ages[i] == 1 && widths[i] == 4) {
      r.ax = a1_4_coale_demeny(m0, o.sex);
      r.rule = AxRule::kA1To4;
    } else {
      r.ax = r.n / 2;
      r.rule = AxRule::kHalf;
    }
    r.qx = open ? 1.0 : std::min(1.0, r.n * m / (1 + (r.n - r.ax) * m));
    r.lx = l;
    r.dx = l * r.qx;
    const double next = l - r.dx;
    r.Lx = open ? l / m : r.n * next + r.ax * r.dx;
    fn(i, r);
    l = next;
  }
}

const char* a0_rule_name(A0Rule r) { return r == A0Rule::kAndreevKingkade ? "andreev-kingkade" : "coale-demeny"; }

const char* rule_name(AxRule r, A0Rule a0) {
  switch (r) {
    case AxRule::kOpen: return "1/M";
    case AxRule::kGiven: return "given";
    case AxRule::kA0: return a0_rule_name(a0);
    case AxRule::kA1To4: return "coale-demeny";
    case AxRule::kHalf: return "n/2";
  }
  return "n/2";
}

}  // namespace

Result<LifeTable> life_table(const std::vector<double>& ages, const std::vector<double>& widths,
                             const std::vector<double>& mx, const LifeTableOptions& o) {
  if (auto s = check_inputs(ages, widths, mx, o); !s) return s.error();
  const size_t k = ages.size();
  LifeTable t;
  t.radix = o.radix;
  t.sex = sex_name(o.sex);
  t.a0_rule = a0_rule_name(o.a0_rule);
  t.rows.resize(k);
  each_row(ages, widths, mx, o, [&](size_t i, const RowValues& v) {
    LifeTableRow& r = t.rows[i];
    r.age = ages[i];
    r.n = v.n;
    r.mx = mx[i];
    r.ax = v.ax;
    r.ax_rule = rule_name(v.rule, o.a0_rule);
    r.qx = v.qx;
    r.lx = v.lx;
    r.dx = v.dx;
    r.Lx = v.Lx;
  });
  double T = 0;
  for (size_t i = k; i-- > 0;) {
    T += t.rows[i].Lx;
    t.rows[i].Tx = T;
    t.rows[i].ex = t.rows[i].lx > 0 ? T / t.rows[i].lx : 0;
  }
  t.e0 = t.rows[0].ex;
  return t;
}

Result<double> life_expectancy_at_birth(std::span<const double> ages, std::span<const double> widths,
                                        std::span<const double> mx, const LifeTableOptions& o) {
  if (auto s = check_inputs(ages, widths, mx, o); !s) return s.error();
  // Tx sums nLx from the open group down, as life_table() does.
  constexpr size_t kKept = 64;
  std::array<double, kKept> kept;
  std::vector<double> more(ages.size() > kKept ? ages.size() : 0);
  double* L = ages.size() > kKept ? more.data() : kept.data();
  double l0 = 0;
  each_row(ages, widths, mx, o, [&](size_t i, const RowValues& v) {
    L[i] = v.Lx;
    if (i == 0) l0 = v.lx;
  });
  double T = 0;
  for (size_t i = ages.size(); i-- > 0;) T += L[i];
  return l0 > 0 ? T / l0 : 0;
}

Result<LifeTable> life_table_from_deaths(const std::vector<double>& ages, const std::vector<double>& widths,
                                         const std::vector<double>& deaths, const std::vector<double>& exposure,
                                         const LifeTableOptions& options) {
  if (deaths.size() != ages.size() || exposure.size() != ages.size())
    return Error::invalid("deaths", "số tử vong và số người-năm phải có một giá trị cho mỗi nhóm tuổi",
                          "deaths and person-years need one value per age group");
  std::vector<double> mx(ages.size());
  for (size_t i = 0; i < ages.size(); ++i) {
    const std::string a = age_text(ages[i]);
    if (!(deaths[i] >= 0) || !std::isfinite(deaths[i]))
      return Error::invalid("deaths", "số tử vong ở tuổi " + a + " phải không âm", "deaths at age " + a + " must be non-negative");
    if (!(exposure[i] > 0) || !std::isfinite(exposure[i]))
      return Error::invalid("population", "số người-năm ở tuổi " + a + " phải dương",
                            "person-years at age " + a + " must be positive");
    mx[i] = deaths[i] / exposure[i];
  }
  return life_table(ages, widths, mx, options);
}

Result<LifeTable> abridged_life_table(const std::vector<double>& mx, const LifeTableOptions& options) {
  if (mx.size() < 3)
    return Error::invalid("mx", "bảng sống rút gọn cần ít nhất 3 nhóm tuổi (0, 1-4, mở)",
                          "an abridged life table needs at least 3 age groups (0, 1-4, open)");
  std::vector<double> ages = {0, 1}, widths = {1, 4};
  for (size_t i = 2; i < mx.size(); ++i) ages.push_back(5.0 * double(i - 1)), widths.push_back(5);
  widths.back() = 0;
  return life_table(ages, widths, mx, options);
}

Result<LifeTable> complete_life_table(const std::vector<double>& mx, const LifeTableOptions& options) {
  std::vector<double> ages, widths;
  for (size_t i = 0; i < mx.size(); ++i) ages.push_back(double(i)), widths.push_back(1);
  if (!widths.empty()) widths.back() = 0;
  return life_table(ages, widths, mx, options);
}

Result<double> person_years_between(const LifeTable& t, double x, double n) {
  constexpr double eps = 1e-9;
  const double end = x + n;
  double L = 0, reached = x;
  bool started = false, ok = true;
  for (const auto& r : t.rows) {
    if (r.age < x - eps) continue;
    if (!started && std::fabs(r.age - x) > eps) ok = false;
    started = true;
    if (!ok || (n > 0 && r.age >= end - eps)) break;
    if (n > 0 && (r.n == 0 || r.age + r.n > end + eps)) {
      ok = false;
      break;
    }
    L += r.Lx;
    reached = r.age + r.n;
  }
  if (!started || !ok || (n > 0 && std::fabs(reached - end) > eps))
    return Error::invalid("age", "khoảng tuổi " + age_text(x) + "+" + age_text(n) + " không khớp các nhóm của bảng sống",
                          "the age interval " + age_text(x) + "+" + age_text(n) + " does not match the life table's groups");
  return L;
}

}  // namespace danso::demography
