// Training coverage, needs and spending (docs/programme.md §3) for a unit
// and a year, from the training plans whose unit covers the unit (the unit
// or one above it), the staff registry and the completions:
//   members   the group's members on the year's last day (today, for the
//             year in progress) working in the unit or a unit below it:
//             those imported (danso training members import) and those the
//             plan's role_groups give from the staff registry's assignments;
//   coverage  core/training.h training_coverage, per group and course target,
//             for the unit and for each unit directly below it;
//   needs     each member without a course their group's target asks for,
//             named as in the staff registry;
//   spending  the cost of the sessions of the plan's courses held by the
//             unit or a unit below it, in the year and in every year up to
//             it, against the plan's budget.
//
//   auto r = training_coverage_report(db, "99", 2025, today);
//   auto needs = training_needs(db, "99", "collaborators", 2025, today);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/database.h"
#include "core/training.h"
#include "store/training_store.h"

namespace danso {

struct TrainingCoverageRow {
  TrainingGroup group;
  TrainingCourseKind course;
  TrainingTarget target;
  Coverage coverage;
};

struct TrainingSpending {
  int64_t budget_vnd = 0;
  int64_t year_vnd = 0;     // sessions starting in the year
  int64_t to_date_vnd = 0;  // sessions starting from the plan's start to the year's end
  std::vector<std::pair<int, int64_t>> by_year;  // every year with sessions, by year
  int64_t sessions_in_year = 0;
  std::optional<double> used_percent;  // to_date / budget × 100 (none for a budget of 0)
};

// A unit directly below the one asked about, its coverage of each of the
// plan's targets (in the order of the plan's rows).
struct TrainingChildCoverage {
  std::string unit_code, unit_name;
  std::vector<Coverage> rows;
};

struct TrainingPlanCoverage {
  std::string id, title, unit_code;
  std::vector<TrainingCoverageRow> rows;  // in the plan's order of groups and targets
  std::vector<TrainingChildCoverage> children;  // by unit code
  TrainingSpending spending;
};

struct TrainingCoverageReport {
  std::string unit_code, unit_name;
  int year = 0;
  Date on;  // the day members are counted on
  std::vector<TrainingPlanCoverage> plans;
};

// kNotFound for a unit the register does not have on the day counted.
Result<TrainingCoverageReport> training_coverage_report(Database& db, const std::string& unit_code, int year, Date today);

struct TrainingNeed {
  StaffId staff;
  std::string name;  // from the staff registry
  std::string unit_code, unit_name;
  std::string plan, group, group_name_vi, course_kind, course_name_vi;
};

// Every member without a course their group's target asks for, by unit
// code, name and id; of one group when `group` is not empty (kInvalid for a
// group no plan covering the unit has).
Result<std::vector<TrainingNeed>> training_needs(Database& db, const std::string& unit_code, const std::string& group,
                                                 int year, Date today);

}  // namespace danso
