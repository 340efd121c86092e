#include "core/plan_target.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace danso {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

bool is_change(GoalKind k) {
  return k == GoalKind::kRelativeChange || k == GoalKind::kPointsChange || k == GoalKind::kYearlyChange;
}

ChangeDirection direction_of(const Goal& g) {
  if (g.direction) return *g.direction;
  return g.value && *g.value > 0 ? ChangeDirection::kIncrease : ChangeDirection::kDecrease;
}

Error precondition(std::string vi, std::string en) {
  return Error{ErrorCode::kFailedPrecondition, "goal", std::move(vi), std::move(en)};
}

}  // namespace

int status_severity(TargetStatus s) {
  switch (s) {
    case TargetStatus::kMissed: return 6;
    case TargetStatus::kOffTrack: return 5;
    case TargetStatus::kAtRisk: return 4;
    case TargetStatus::kNoData: return 3;
    case TargetStatus::kUndefined: return 2;
    case TargetStatus::kOnTrack: return 1;
    case TargetStatus::kMet: return 0;
  }
  return 0;
}

bool GoalBound::met_by(double v) const {
  switch (sense) {
    case Sense::kAtMost: return v <= target;
    case Sense::kAtLeast: return v >= target;
    case Sense::kWithin: return std::fabs(v - target) <= tolerance;
  }
  return false;
}

Status check_goal(const Goal& g, const Baseline& b, std::string_view field) {
  const std::string f(field);
  if (g.year < 1900 || g.year > 2200)
    return Error::invalid(f + ".year", "năm mục tiêu không hợp lệ: " + std::to_string(g.year),
                          "invalid target year: " + std::to_string(g.year));
  if (b.year && *b.year >= g.year)
    return Error::invalid(f + ".year", "năm mục tiêu " + std::to_string(g.year) + " không sau năm gốc " + std::to_string(*b.year),
                          "target year " + std::to_string(g.year) + " is not after the baseline year " + std::to_string(*b.year));
  if (g.value && !std::isfinite(*g.value))
    return Error::invalid(f + ".value", "giá trị mục tiêu không phải là số hữu hạn", "the goal's value is not a finite number");
  if (g.kind == GoalKind::kAbout) {
    if (!g.tolerance || !std::isfinite(*g.tolerance) || *g.tolerance < 0)
      return Error::invalid(f + ".tolerance", "mục tiêu 'khoảng' cần dung sai không âm (tolerance)",
                            "an 'about' goal needs a tolerance that is not negative");
  } else if (g.tolerance) {
    return Error::invalid(f + ".tolerance", "chỉ mục tiêu 'khoảng' (about) có dung sai",
                          "only an 'about' goal has a tolerance");
  }
  if (is_change(g.kind) && g.value && g.direction) {
    const bool up = *g.direction == ChangeDirection::kIncrease;
    if ((up && *g.value < 0) || (!up && *g.value > 0))
      return Error::invalid(f + ".direction", "hướng thay đổi trái với dấu của giá trị",
                            "the direction contradicts the sign of the value");
  }
  if (g.kind == GoalKind::kRelativeChange && g.value && *g.value <= -100)
    return Error::invalid(f + ".value", "không thể giảm từ 100% trở lên", "a relative change cannot reduce by 100% or more");
  if (g.kind == GoalKind::kYearlyChange && g.mode == ChangeMode::kRelative && g.value && *g.value <= -100)
    return Error::invalid(f + ".value", "không thể giảm từ 100% trở lên mỗi năm", "a yearly change cannot reduce by 100% or more");
  return {};
}

Result<GoalBound> resolve_goal(const Goal& g, const Baseline& b) {
  if (!g.value)
    return precondition("kế hoạch không ghi giá trị mục tiêu năm " + std::to_string(g.year),
                        "the plan gives no goal value for " + std::to_string(g.year));
  const double v = *g.value;
  GoalBound out;
  switch (g.kind) {
    case GoalKind::kAtMost:
      out.sense = GoalBound::Sense::kAtMost, out.target = v;
      return out;
    case GoalKind::kAtLeast:
      out.sense = GoalBound::Sense::kAtLeast, out.target = v;
      return out;
    case GoalKind::kAbout:
      out.sense = GoalBound::Sense::kWithin, out.target = v, out.tolerance = g.tolerance.value_or(0);
      return out;
    default:
      break;
  }
  if (!b.value)
    return precondition("mục tiêu thay đổi cần giá trị năm gốc, kế hoạch không ghi",
                        "a change goal needs the baseline value, which the plan does not give");
  const double base = *b.value;
  if (g.kind == GoalKind::kRelativeChange) {
    out.target = base * (1 + v / 100);
  } else if (g.kind == GoalKind::kPointsChange) {
    out.target = base + v;
  } else {
    if (!b.year)
      return precondition("mục tiêu thay đổi mỗi năm cần năm gốc", "a yearly change goal needs the baseline year");
    const int years = g.year - *b.year;
    out.target = g.mode == ChangeMode::kPoints ? base + v * years : base * std::pow(1 + v / 100, years);
  }
  out.sense = direction_of(g) == ChangeDirection::kIncrease ? GoalBound::Sense::kAtLeast : GoalBound::Sense::kAtMost;
  return out;
}

TargetProgress judge_progress(const Goal& g, const Baseline& b, std::optional<double> value, int year, const StatusRule& rule) {
  TargetProgress p;
  auto bound = resolve_goal(g, b);
  if (!bound) {
    p.status = TargetStatus::kUndefined;
    p.reason_vi = bound.error().vi, p.reason_en = bound.error().en;
    return p;
  }
  p.bound = *bound;
  const GoalBound& gb = *bound;
  const bool has_path = b.value && b.year && *b.year < g.year;
  // The value expected in `year`: on the straight line from the baseline to
  // the goal, clamped to the two ends; the goal itself with no baseline.
  double expected = gb.target;
  if (has_path) {
    const double t = std::clamp(double(year - *b.year) / double(g.year - *b.year), 0.0, 1.0);
    expected = *b.value + (gb.target - *b.value) * t;
  }
  p.expected = expected;
  if (!value) {
    p.status = TargetStatus::kNoData;
    p.reason_vi = "chưa có số liệu năm " + std::to_string(year);
    p.reason_en = "no value for " + std::to_string(year);
    return p;
  }
  const double v = *value;
  p.gap = v - expected;
  if (year >= g.year) {
    const bool met = gb.met_by(v);
    p.status = met ? TargetStatus::kMet : TargetStatus::kMissed;
    p.reason_vi = (met ? "đã đạt mục tiêu " : "không đạt mục tiêu ") + num(gb.target) + " (giá trị " + num(v) + ")";
    p.reason_en = (met ? "met the goal " : "missed the goal ") + num(gb.target) + " (value " + num(v) + ")";
    return p;
  }
  // On the right side of the path, or the goal already met: on track.
  bool on_path = false;
  double miss = 0;  // how far on the wrong side of the path
  switch (gb.sense) {
    case GoalBound::Sense::kAtMost:
      on_path = v <= expected, miss = v - expected;
      break;
    case GoalBound::Sense::kAtLeast:
      on_path = v >= expected, miss = expected - v;
      break;
    case GoalBound::Sense::kWithin:
      on_path = std::fabs(v - expected) <= gb.tolerance, miss = std::fabs(v - expected) - gb.tolerance;
      break;
  }
  if (on_path || gb.met_by(v)) {
    p.status = TargetStatus::kOnTrack;
    p.reason_vi = "đúng tiến độ: " + num(v) + " so với " + num(expected) + " dự kiến năm " + std::to_string(year);
    p.reason_en = "on track: " + num(v) + " against " + num(expected) + " expected in " + std::to_string(year);
    return p;
  }
  const double allowance = has_path ? rule.at_risk_share * std::fabs(gb.target - *b.value)
                                    : rule.no_baseline_at_risk * std::fabs(gb.target);
  p.status = miss <= allowance ? TargetStatus::kAtRisk : TargetStatus::kOffTrack;
  p.reason_vi = std::string(p.status == TargetStatus::kAtRisk ? "có nguy cơ: " : "chệch hướng: ") + num(v) + " so với " +
                num(expected) + " dự kiến năm " + std::to_string(year) + ", lệch " + num(miss) + " (ngưỡng " + num(allowance) + ")";
  p.reason_en = std::string(p.status == TargetStatus::kAtRisk ? "at risk: " : "off track: ") + num(v) + " against " +
                num(expected) + " expected in " + std::to_string(year) + ", " + num(miss) + " off (allowance " + num(allowance) + ")";
  return p;
}

}  // namespace danso
