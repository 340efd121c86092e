// Training data into the database (docs/programme.md §3): a training plan
// file, courses with their sessions, the participants of sessions with
// their attendance and completion, and memberships of target groups. Each
// input is checked whole and written with one audit entry in one
// transaction; any problem refuses it whole (the first problem in both
// languages, naming its field, with the count of the others).
//
//   auto id = import_training_plan(db, json_text, {.file = "hau-giang.json", .unit_code = "99", .now = now});
//   auto n = import_training_sessions(db, csv_text, {.file = "lop-hoc.csv", .now = now});
#pragma once

#include <cstdint>
#include <string>

#include "app/database.h"
#include "core/result.h"

namespace danso {

struct TrainingImportOptions {
  std::string file;       // its name, for messages and the audit entry
  std::string unit_code;  // a training plan: adopted for this unit instead of the file's
  int64_t now = 0;        // Unix seconds
};

// The plan's id. kNotFound for a unit the register lacks during the plan;
// kAlreadyExists for an id already imported.
Result<std::string> import_training_plan(Database& db, const std::string& json_text, const TrainingImportOptions& o);

// Columns: session, plan, course, course_title, course_kind, unit_code,
// start, end, cost_vnd, place (optional). One row a session; a course
// named on several rows has one title and kind. Refused: a plan not
// imported, a course kind not in its plan, a unit the register lacks on
// the start day, an end before the start, a cost that is not a whole number
// of đồng, a session given twice. The number of sessions written.
Result<int64_t> import_training_sessions(Database& db, const std::string& csv_text, const TrainingImportOptions& o);

// Columns: session, staff_id, attended, completed (0/1), completed_on
// (optional: the session's end when completed). Refused: a session not
// imported, a person not in the staff registry, a completion without
// attendance, a completion date outside the session (start to end), a date
// without a completion, a person given twice for a session. The number of
// rows written.
Result<int64_t> import_training_participants(Database& db, const std::string& csv_text, const TrainingImportOptions& o);

// Columns: staff_id, group, unit_code, start, end (optional, inclusive).
// Refused: a person not in the staff registry, a group in no imported
// training plan, a unit the register lacks on the start day, an end before
// the start, a person, group and start given twice. The number of rows written.
Result<int64_t> import_training_members(Database& db, const std::string& csv_text, const TrainingImportOptions& o);

}  // namespace danso
