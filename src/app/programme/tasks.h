// Agencies, steering committees and the tasks of each plan's "tổ chức thực
// hiện" (docs/programme.md §4): imported from task files, listed for a
// unit with each task's state for the year (overdue, done, in progress,
// blocked, not reported), with the progress each agency posts. An agency
// member posts on their own agency's tasks only; everything written is
// audited.
//
//   auto r = import_task_file(db, json_text, {.file = "ninh-thuan-2127.json", .unit_code = "99", .now = now});
//   auto tasks = list_tasks(db, {.unit = "99", .on = today});
//   auto id = post_task_update(db, &principal, {.task = 7, .year = 2025, .status = "done", .note = "...", .now = now});
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/database.h"
#include "store/task_store.h"

namespace danso {

struct TaskImportOptions {
  std::string file;       // its name, for messages and the audit entry
  std::string unit_code;  // the unit the tasks are for, instead of the file's (a plan adopted by another unit)
  int64_t now = 0;        // Unix seconds
};

struct TaskImportResult {
  std::string id, unit_code;
  int64_t agencies = 0, committees = 0, tasks = 0;
};

// Checks the file whole and writes its set, agencies, committees and tasks
// in one transaction with one audit entry; nothing is written on a problem.
Result<TaskImportResult> import_task_file(Database& db, const std::string& json_text, const TaskImportOptions& options);

// What a task stands at on a day, for that day's year.
struct TaskView {
  TaskRecord task;
  std::string unit_code, unit_name, agency_name;
  std::vector<int> missed;                 // years due and not done (overdue when any)
  std::optional<Date> next_due;
  std::optional<TaskUpdateRecord> last;    // the latest update, any year
  int64_t updates = 0;
  std::string state;  // overdue, done, in_progress, blocked, not_reported (this year), no_due (never reported, no date)
};

struct TaskListOptions {
  std::string unit;         // the tasks of sets of this unit, of units above it and of units below it
  Date on;                  // the day judged (its year is the one reported on)
  std::string agency;       // only this agency's (as lead)
  bool overdue_only = false;
  std::function<bool(UnitId)> visible;  // the sets' units the caller may see (all when empty)
};

// Ordered overdue first, then by unit, set and key. kNotFound for a unit the
// register lacks that day.
Result<std::vector<TaskView>> list_tasks(Database& db, const TaskListOptions& options);

// One task with its updates (oldest first); none when it does not exist.
struct TaskDetail {
  TaskView view;
  std::vector<TaskUpdateRecord> updates;
};
std::optional<TaskDetail> task_detail(Database& db, int64_t id, Date on);

// Per agency (of a unit) of the tasks listed: its tasks, those reported on
// this year (done, in progress or blocked), done, overdue; most overdue first.
struct AgencySummary {
  std::string unit_code, agency, name;
  int64_t tasks = 0, reported = 0, done = 0, overdue = 0;
};
std::vector<AgencySummary> summarise_by_agency(const std::vector<TaskView>& tasks);

struct TaskUpdateInput {
  int64_t task = 0;
  int year = 0;        // 0: the year of `now`
  std::string status;  // in_progress, done, blocked
  std::string note;
  int64_t now = 0;
};

// Posts progress on a task. `actor` null: the command line. An agency
// member may post on their own agency's tasks only (kPermissionDenied
// otherwise, and for one whose account speaks for no agency).
Result<int64_t> post_task_update(Database& db, const accounts::Principal* actor, const TaskUpdateInput& input);

// Sets a task's due date ("YYYY-MM-DD", empty to clear) and recurrence
// ("yearly:MM-DD", empty for none); audited.
Status set_task_due_date(Database& db, int64_t task, const std::string& due, const std::string& recurring, int64_t now);

// Makes an agency member's account speak for an agency of a unit; audited.
Status assign_agency_member(Database& db, const std::string& username, const std::string& unit_code,
                            const std::string& agency, int64_t now);

// Committee members from CSV (committee_id, name, agency, position, start,
// end): each committee named in the file has its members replaced by the
// file's rows; checked whole, audited. The number of rows written.
Result<int64_t> import_committee_members(Database& db, const std::string& csv_text, const std::string& file, int64_t now);

}  // namespace danso
