// Training coverage and needs (training_report.h) as JSON, as `danso
// training coverage|needs --format json` prints them and GET
// /api/v1/training/coverage|needs answers:
//   coverage: {"unit", "unit_name", "year", "on",
//              "plans": [{"plan", "title", "unit",
//                         "rows": [{"group", "group_name", "group_name_en", "course_kind", "course_name",
//                                   "target_percent", "by_year", "every_year", "members", "covered",
//                                   "percent" (null without members), "met"}],
//                         "children": [{"unit", "name", "rows": [{"members", "covered", "percent", "met"}]}]
//                                     (each unit directly below, rows in the order of "rows"),
//                         "spending": {"budget_vnd", "year_vnd", "sessions_in_year", "to_date_vnd",
//                                      "used_percent", "by_year": [[year, vnd], ...]}}]}
//   needs:    {"unit", "year", "group", "count", "needs": [{"staff_id", "name", "unit", "unit_name", "plan",
//              "group", "group_name", "course_kind", "course_name"}]}
#pragma once

#include <nlohmann/json.hpp>

#include "app/programme/training_report.h"

namespace danso {

nlohmann::ordered_json training_coverage_json(const TrainingCoverageReport& report);
nlohmann::ordered_json training_needs_json(const std::string& unit, int year, const std::string& group,
                                           const std::vector<TrainingNeed>& needs);

}  // namespace danso
