#include "demography/age_structure.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace danso::demography {

namespace {

std::string text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Status check(const AgeGroups& p) {
  if (p.ages.empty() || p.ages.size() != p.counts.size())
    return Error::invalid("counts", "tuổi và dân số phải có cùng số nhóm (ít nhất một)",
                          "ages and counts need the same number of groups (at least one)");
  for (size_t i = 0; i < p.ages.size(); ++i) {
    if (!(p.counts[i] >= 0) || !std::isfinite(p.counts[i]))
      return Error::invalid("counts", "dân số nhóm tuổi " + text(p.ages[i]) + " phải không âm",
                            "the population of age group " + text(p.ages[i]) + " must be non-negative");
    if (i > 0 && !(p.ages[i] > p.ages[i - 1]))
      return Error::invalid("ages", "các nhóm tuổi phải tăng dần", "age groups must be increasing");
  }
  return {};
}

// Population of ages [from, to); `to` < 0 means to the end. Bounds must be boundaries.
Result<double> between(const AgeGroups& p, double from, double to) {
  if (auto s = check(p); !s) return s.error();
  auto boundary = [&](double a) {
    if (a <= p.ages.front()) return a == p.ages.front();
    for (double x : p.ages)
      if (std::fabs(x - a) < 1e-9) return true;
    return false;
  };
  for (double a : {from, to})
    if (a >= 0 && a != 0 && !boundary(a))
      return Error::invalid("age", "tuổi " + text(a) + " không phải ranh giới nhóm tuổi",
                            "age " + text(a) + " is not an age group boundary");
  double sum = 0;
  for (size_t i = 0; i < p.ages.size(); ++i)
    if (p.ages[i] >= from - 1e-9 && (to < 0 || p.ages[i] < to - 1e-9)) sum += p.counts[i];
  return sum;
}

Result<double> percent(Result<double> num, Result<double> den, const char* what_vi, const char* what_en) {
  if (!num) return num.error();
  if (!den) return den.error();
  if (!(*den > 0))
    return Error::invalid("counts", std::string("không có dân số ") + what_vi, std::string("no population ") + what_en);
  return 100.0 * *num / *den;
}

Status check_cutoffs(const AgeCutoffs& c) {
  if (!(c.young > 0 && c.old > c.young))
    return Error::invalid("cutoffs", "cần 0 < tuổi lao động < tuổi già", "the cut-offs need 0 < young < old");
  return {};
}

}  // namespace

Result<double> share_below(const AgeGroups& p, double age) {
  return percent(between(p, 0, age), between(p, 0, -1), "", "");
}

Result<double> share_at_or_over(const AgeGroups& p, double age) {
  return percent(between(p, age, -1), between(p, 0, -1), "", "");
}

Result<double> child_dependency_ratio(const AgeGroups& p, const AgeCutoffs& c) {
  if (auto s = check_cutoffs(c); !s) return s.error();
  return percent(between(p, 0, c.young), between(p, c.young, c.old), "tuổi lao động", "of working age");
}

Result<double> old_age_dependency_ratio(const AgeGroups& p, const AgeCutoffs& c) {
  if (auto s = check_cutoffs(c); !s) return s.error();
  return percent(between(p, c.old, -1), between(p, c.young, c.old), "tuổi lao động", "of working age");
}

Result<double> total_dependency_ratio(const AgeGroups& p, const AgeCutoffs& c) {
  auto child = child_dependency_ratio(p, c);
  if (!child) return child;
  auto old = old_age_dependency_ratio(p, c);
  if (!old) return old;
  return *child + *old;
}

Result<double> ageing_index(const AgeGroups& p, const AgeCutoffs& c) {
  if (auto s = check_cutoffs(c); !s) return s.error();
  return percent(between(p, c.old, -1), between(p, 0, c.young), "trẻ em", "of children");
}

Result<double> median_age(const AgeGroups& p) {
  if (auto s = check(p); !s) return s.error();
  double total = 0;
  for (double v : p.counts) total += v;
  if (!(total > 0)) return Error::invalid("counts", "dân số bằng 0", "the population is empty");
  const double half = total / 2;
  double below = 0;
  for (size_t i = 0; i + 1 < p.ages.size(); ++i) {
    if (below + p.counts[i] >= half && p.counts[i] > 0) {
      const double width = p.ages[i + 1] - p.ages[i];
      return p.ages[i] + (half - below) / p.counts[i] * width;
    }
    below += p.counts[i];
  }
  return Error::invalid("counts", "tuổi trung vị rơi vào nhóm tuổi mở", "the median falls in the open age group");
}

Result<double> sex_ratio(double males, double females) {
  if (!(males >= 0) || !std::isfinite(males) || !(females >= 0) || !std::isfinite(females))
    return Error::invalid("counts", "số nam và nữ phải không âm", "males and females must be non-negative");
  if (!(females > 0)) return Error::invalid("females", "không có nữ: tỷ số giới tính không xác định", "no females: the sex ratio is undefined");
  return 100.0 * males / females;
}

}  // namespace danso::demography
