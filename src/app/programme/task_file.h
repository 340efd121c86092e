// A task file (format "danso-tasks/1", docs/programme.md §4): a plan's
// "tổ chức thực hiện" as data: the agencies of the unit, its steering
// committees, and each agency's tasks (lead or support, with whom, the
// indicators and targets they serve, a due date when the plan gives one).
// Read and checked whole: every problem names its place in the file
// ("tasks[3].agency") in Vietnamese and English; a file with any problem is
// refused whole.
//
//   auto file = read_task_file(json_text);   // Result<TaskFile>, or the first problem
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/task_store.h"

namespace danso {

struct TaskFile {
  std::string id;
  std::optional<std::string> plan;
  std::string unit_code, unit_name;
  std::string source_document, source_file, source_section;
  std::vector<AgencyRecord> agencies;      // unit not set
  std::vector<CommitteeRecord> committees;  // unit not set
  std::vector<TaskRecord> tasks;            // unit and set not set
};

Result<TaskFile> read_task_file(std::string_view json_text);

}  // namespace danso
