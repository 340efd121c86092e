// TrainingStore: the training plans (format danso-training/1, their course
// kinds, target groups and coverage targets), the courses held under them
// with their sessions (dates, place, cost) and participants (attendance,
// completion), and the memberships of target groups imported for the
// groups the staff registry's roles do not give (app/programme/training_*.h).
// One area of the Store (store.h); SQL only in the adapters.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/staff.h"
#include "core/training.h"

namespace danso {

struct TrainingCourseKind {
  std::string code, name_vi;
  std::optional<int> months;
};

struct TrainingGroup {
  std::string code, name_vi, name_en;
};

struct TrainingTarget {
  std::string group, course_kind;
  double percent = 100;
  int by_year = 0;
  bool every_year = false;
  std::string source_text;
};

// A role of the staff registry whose assignments make their holders
// members of a group, for the assignment's period and at its unit.
struct TrainingRoleGroup {
  StaffRole role = StaffRole::kCollaborator;
  std::string group;
};

struct TrainingPlanRecord {
  std::string id, title, issuer;
  UnitId unit;
  std::string unit_code;
  Date start, end;
  int64_t budget_vnd = 0;
  std::vector<TrainingCourseKind> course_kinds;
  std::vector<TrainingGroup> groups;
  std::vector<TrainingTarget> targets;
  std::vector<TrainingRoleGroup> role_groups;
  std::string sha256;       // of the file as imported
  std::string imported_at;  // ISO instant
};

struct TrainingCourseRecord {
  std::string id, plan, title, kind;
};

struct TrainingSessionRecord {
  std::string id, course;
  UnitId unit;  // the unit holding it
  std::string unit_code;
  Date start, end;
  std::string place;
  int64_t cost_vnd = 0;
};

struct TrainingParticipantRecord {
  std::string session;
  StaffId staff;
  bool attended = false, completed = false;
  std::optional<Date> completed_on;  // set when completed
};

struct TrainingMemberRecord {
  GroupMembership membership;
  std::string unit_code;
};

class TrainingStore {
 public:
  virtual ~TrainingStore() = default;
  // kAlreadyExists when a training plan with its id exists.
  virtual Status insert_training_plan(const TrainingPlanRecord& plan) = 0;
  virtual std::vector<TrainingPlanRecord> training_plans() = 0;  // by id, with kinds, groups and targets
  // Courses and sessions written again replace the ones with their ids.
  virtual Status upsert_training_sessions(std::span<const TrainingCourseRecord> courses,
                                          std::span<const TrainingSessionRecord> sessions) = 0;
  virtual std::vector<TrainingCourseRecord> training_courses() = 0;    // by id
  virtual std::vector<TrainingSessionRecord> training_sessions() = 0;  // by start, id
  // A person's row in a session written again replaces the earlier one.
  virtual Status upsert_training_participants(std::span<const TrainingParticipantRecord> rows) = 0;
  virtual std::vector<TrainingParticipantRecord> training_participants() = 0;  // by session, staff
  // The completions of every session, with the kind of its course.
  virtual std::vector<CourseCompletion> training_completions() = 0;
  // A membership written again (same person, group and start) replaces the earlier one.
  virtual Status upsert_group_memberships(std::span<const TrainingMemberRecord> rows) = 0;
  virtual std::vector<TrainingMemberRecord> group_memberships() = 0;  // by person, group, start
};

}  // namespace danso
