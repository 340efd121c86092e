// Plan targets (chỉ tiêu kế hoạch): what a plan asks of an indicator in a
// target year, and how a value of a later year is judged against it. A
// target has a baseline (year and value) and goals; a goal is one of
//   at_most v        the value is at most v              ("dưới", "không quá")
//   at_least v       the value is at least v             ("đạt", "tối thiểu")
//   about v ± t      within t of v                       ("khoảng")
//   relative_change  baseline × (1 + v/100)              ("giảm 50%": v = -50)
//   points_change    baseline + v                        (percentage points, or the indicator's unit)
//   yearly_change    v every year from the baseline year: points (baseline + v × years) or
//                    relative (baseline × (1 + v/100)^years)   ("giảm 0,1 mỗi năm")
// A change is a decrease when v < 0 (or its direction says so): the value
// must then be at most the resolved target; an increase, at least.
//
// Progress in a year before the goal's is judged against the straight path
// from the baseline to the goal (the value expected that year), by a
// StatusRule that is data (docs/programme.md):
//   on_track   the value is on the right side of the path (or inside the
//              band of an "about" goal), or already meets the goal itself;
//   at_risk    it misses the path by no more than `at_risk_share` of the
//              whole change the plan asks (with no baseline: misses the goal
//              by no more than `no_baseline_at_risk` of the goal's value);
//   off_track  it misses by more.
// In the goal's year and after, the value either met it or missed it.
//
//   Goal g{.year = 2030, .kind = GoalKind::kRelativeChange, .value = -50};
//   auto p = judge_progress(g, {2020, 4.0}, 3.2, 2024, StatusRule{});   // path 2024: 3.2 -> on_track
#pragma once

#include <optional>
#include <string>

#include "core/enum_codec.h"
#include "core/result.h"

namespace danso {

enum class GoalKind { kAtMost, kAtLeast, kAbout, kRelativeChange, kPointsChange, kYearlyChange };
inline constexpr EnumCodec<GoalKind, 6> kGoalKinds{{{
    {GoalKind::kAtMost, "at_most", "không quá"},
    {GoalKind::kAtLeast, "at_least", "ít nhất"},
    {GoalKind::kAbout, "about", "khoảng"},
    {GoalKind::kRelativeChange, "relative_change", "thay đổi theo tỷ lệ so với năm gốc"},
    {GoalKind::kPointsChange, "points_change", "thay đổi theo điểm so với năm gốc"},
    {GoalKind::kYearlyChange, "yearly_change", "thay đổi mỗi năm"},
}}};

enum class ChangeMode { kPoints, kRelative };
inline constexpr EnumCodec<ChangeMode, 2> kChangeModes{{{
    {ChangeMode::kPoints, "points", "điểm (đơn vị của chỉ tiêu)"},
    {ChangeMode::kRelative, "relative", "phần trăm (tương đối)"},
}}};

enum class ChangeDirection { kDecrease, kIncrease };
inline constexpr EnumCodec<ChangeDirection, 2> kChangeDirections{{{
    {ChangeDirection::kDecrease, "decrease", "giảm"},
    {ChangeDirection::kIncrease, "increase", "tăng"},
}}};

enum class TargetStatus { kOnTrack, kAtRisk, kOffTrack, kMet, kMissed, kNoData, kUndefined };
inline constexpr EnumCodec<TargetStatus, 7> kTargetStatuses{{{
    {TargetStatus::kOnTrack, "on_track", "đúng tiến độ"},
    {TargetStatus::kAtRisk, "at_risk", "có nguy cơ không đạt"},
    {TargetStatus::kOffTrack, "off_track", "chệch hướng"},
    {TargetStatus::kMet, "met", "đã đạt"},
    {TargetStatus::kMissed, "missed", "không đạt"},
    {TargetStatus::kNoData, "no_data", "chưa có số liệu"},
    {TargetStatus::kUndefined, "undefined", "chỉ tiêu chưa đủ thông tin"},
}}};
// How bad a status is, for sorting a plan's targets worst first (higher is worse).
int status_severity(TargetStatus s);

struct Baseline {
  std::optional<int> year;
  std::optional<double> value;
};

struct Goal {
  int year = 0;
  GoalKind kind = GoalKind::kAtMost;
  std::optional<double> value;      // empty: the plan's text gives none (a lost cell)
  std::optional<double> tolerance;  // about
  ChangeMode mode = ChangeMode::kPoints;        // yearly_change
  std::optional<ChangeDirection> direction;     // change kinds; from the sign of value when empty
};

// What a goal asks of the value in its year, once resolved against the baseline.
struct GoalBound {
  enum class Sense { kAtMost, kAtLeast, kWithin };
  Sense sense = Sense::kAtMost;
  double target = 0;     // the value aimed at
  double tolerance = 0;  // kWithin: |value - target| <= tolerance
  bool met_by(double value) const;
};

// Checks a goal's own fields (a tolerance for "about", a year, a known
// kind's needs); the field named is `field`.
Status check_goal(const Goal& goal, const Baseline& baseline, std::string_view field);

// The goal's bound; kFailedPrecondition (with the reason) when its value, or
// the baseline a change needs, is missing.
Result<GoalBound> resolve_goal(const Goal& goal, const Baseline& baseline);

// The status rule, as data.
struct StatusRule {
  double at_risk_share = 0.25;       // share of the planned change a value may miss the path by
  double no_baseline_at_risk = 0.10;  // share of the goal's value it may miss by, with no baseline
};

struct TargetProgress {
  TargetStatus status = TargetStatus::kUndefined;
  std::optional<GoalBound> bound;
  std::optional<double> expected;  // on the path, in the year judged (the goal itself with no baseline)
  std::optional<double> gap;       // value - expected (positive: above the path)
  std::string reason_vi, reason_en;
};

// Judges `value` (the indicator in `year`; empty when it has none) against
// `goal`.
TargetProgress judge_progress(const Goal& goal, const Baseline& baseline, std::optional<double> value, int year,
                        const StatusRule& rule);

}  // namespace danso
