// A plan's progress (plans.h) as JSON, as `danso targets --format json` prints
// it and GET /api/v1/plans/{id}/progress answers:
//   {"plan", "number", "title", "unit", "unit_name", "year",
//    "targets": [{"key", "name", "name_en", "indicator", "measure_unit",
//                 "baseline": {"year", "value"}, "value", "source", "goal":
//                 {"year", "kind", "value", "tolerance"}, "expected", "gap",
//                 "status", "reason", "reason_en", "outlook"}, ...],
//    "children": [{"unit", "name", "worst", "targets": [...]}],   (when asked)
//    "trend": {"<target key>": [[year, value|null], ...]}}         (when asked)
#pragma once

#include <nlohmann/json.hpp>

#include "app/programme/plans.h"

namespace danso {

nlohmann::ordered_json plan_progress_json(const PlanProgress& progress);
// A plan as listed: id, number, title, issuer, unit, start, end, targets.
nlohmann::ordered_json plan_summary_json(const PlanRecord& plan);

}  // namespace danso
