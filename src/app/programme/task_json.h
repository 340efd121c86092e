// The JSON of tasks (docs/api.md#tasks): one task with its state, its
// updates, and the per-agency summary, the same for `danso tasks --format
// json` and GET /api/v1/tasks.
#pragma once

#include <nlohmann/json.hpp>

#include "app/programme/tasks.h"

namespace danso {

nlohmann::ordered_json task_view_json(const TaskView& v);
nlohmann::ordered_json task_update_json(const TaskUpdateRecord& u);
nlohmann::ordered_json agency_summary_json(const std::vector<AgencySummary>& rows);
nlohmann::ordered_json committee_json(const CommitteeRecord& c, const std::string& unit_code);

}  // namespace danso
