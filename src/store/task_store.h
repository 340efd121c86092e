// TaskStore: the agencies of each unit, its steering committees and their
// members, the tasks of each imported task set (a plan's "tổ chức thực
// hiện"), the progress updates agencies post on them (never changed nor
// deleted), and which agency each agency member's account speaks for. One
// area of the Store (store.h); SQL only in the adapters.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/task.h"

namespace danso {

struct AgencyRecord {
  UnitId unit;
  std::string code, name_vi, name_en;
};

struct CommitteeMemberRecord {
  std::string name, agency, position;  // agency: a code of the committee's unit, or empty
  Date start;
  std::optional<Date> end;
};

struct CommitteeRecord {
  int64_t id = 0;  // given by the store
  std::string task_set;
  UnitId unit;
  std::string level, name_vi;
  std::vector<CommitteeMemberRecord> members;
};

struct TaskRecord {
  int64_t id = 0;  // given by the store; kept when the set is imported again
  std::string task_set, key;
  UnitId unit;
  std::string agency;
  TaskRole role = TaskRole::kLead;
  std::vector<std::string> with;  // agencies it works with
  std::string description_vi, description_en;
  std::vector<std::string> indicators, targets;
  TaskDue due;
  std::string source_text;
};

struct TaskSetRecord {
  std::string id;  // the file's id
  std::optional<std::string> plan;
  UnitId unit;
  std::string unit_code, unit_name;
  std::string source_document, source_file, source_section;
  std::string sha256, imported_at;
  int64_t tasks = 0;  // on reading
};

struct TaskUpdateRecord {
  int64_t id = 0;
  int64_t task = 0;
  int year = 0;
  TaskStatus status = TaskStatus::kInProgress;
  std::string note;
  std::optional<UserId> user;
  std::string actor;  // the user's name, or the command line
  std::string at;     // ISO instant
};

class TaskStore {
 public:
  virtual ~TaskStore() = default;
  // Writes a task set whole: the set, its unit's agencies (replacing their
  // names), its committees (replaced, with their members) and its tasks
  // (by key: a task kept keeps its id and updates; the set's tasks not in
  // `tasks` are refused when they have updates, else removed).
  virtual Status replace_task_set(const TaskSetRecord& set, std::span<const AgencyRecord> agencies,
                                  std::span<const CommitteeRecord> committees, std::span<const TaskRecord> tasks) = 0;
  virtual std::vector<TaskSetRecord> task_sets() = 0;  // by id
  virtual std::vector<AgencyRecord> agencies() = 0;    // by unit, code
  virtual std::vector<TaskRecord> tasks() = 0;         // by set, key
  virtual std::optional<TaskRecord> find_task(int64_t id) = 0;
  virtual Status set_task_due(int64_t id, const TaskDue& due) = 0;
  virtual std::vector<CommitteeRecord> committees() = 0;  // by unit, id, with members
  virtual Status replace_committee_members(int64_t committee, std::span<const CommitteeMemberRecord> members) = 0;

  virtual Result<int64_t> insert_task_update(const TaskUpdateRecord& update) = 0;
  virtual std::vector<TaskUpdateRecord> task_updates() = 0;  // by task, then id

  // The agency an agency member's account speaks for (its unit and code).
  virtual Status set_agency_member(UserId user, const AgencyRecord& agency) = 0;
  virtual std::optional<AgencyRecord> agency_of_member(UserId user) = 0;
};

}  // namespace danso
