// A plan file (format "danso-plan/1", docs/programme.md): read, checked
// whole and turned into a Plan. Every problem is reported, each naming its
// place in the file ("targets[3].goals[0].kind") in Vietnamese and English;
// a plan with any problem is refused whole.
//
//   auto plan = read_plan_file(json_text, catalogue);   // Result<Plan>, or the first problem
//   auto problems = check_plan_file(json_text, catalogue);  // all of them
#pragma once

#include <string>
#include <vector>

#include "analytics/indicator_catalogue.h"
#include "core/plan.h"
#include "core/result.h"

namespace danso {

struct PlanFileResult {
  std::optional<Plan> plan;    // when there is no problem
  std::vector<Error> problems;
};

PlanFileResult parse_plan_file(std::string_view json_text, const analytics::IndicatorCatalogue& catalogue);

// The same, as one Result: the plan, or its first problem (with the count of the others).
Result<Plan> read_plan_file(std::string_view json_text, const analytics::IndicatorCatalogue& catalogue);

}  // namespace danso
