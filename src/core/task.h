// Tasks of a plan's "tổ chức thực hiện" section (docs/programme.md §4): each
// agency's duty, lead or support, with a due date when one is set, and the
// progress updates its members post. A duty asked every year ("trước ngày 10
// tháng 12 hàng năm") falls due once a year from its first due date.
//
// Overdue, on a day: a one-off task whose due date has passed without an
// update "done"; a yearly task with an occurrence due before that day whose
// year has no update "done". A task without a due date is never overdue.
//
//   TaskDue due{Date::from_ymd_unchecked(2021, 12, 10), MonthDay{12, 10}};
//   auto missed = missed_occurrences(due, updates, Date::from_ymd_unchecked(2025, 12, 11));  // {years without "done"}
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enum_codec.h"
#include "core/result.h"

namespace danso {

enum class TaskRole { kLead, kSupport };
inline constexpr EnumCodec<TaskRole, 2> kTaskRoles{{{
    {TaskRole::kLead, "lead", "chủ trì"},
    {TaskRole::kSupport, "support", "phối hợp"},
}}};

enum class TaskStatus { kInProgress, kDone, kBlocked };
inline constexpr EnumCodec<TaskStatus, 3> kTaskStatuses{{{
    {TaskStatus::kInProgress, "in_progress", "đang thực hiện"},
    {TaskStatus::kDone, "done", "đã hoàn thành"},
    {TaskStatus::kBlocked, "blocked", "vướng mắc"},
}}};

struct MonthDay {
  int month = 0, day = 0;
  auto operator<=>(const MonthDay&) const = default;
};

// "yearly:MM-DD" (the only recurrence the plans use), or the problem.
Result<MonthDay> parse_recurrence(std::string_view text, std::string_view field);
std::string format_recurrence(const MonthDay& md);

struct TaskDue {
  std::optional<Date> first;         // the (first) due date; none: no date set
  std::optional<MonthDay> yearly;    // each year from `first`'s year on this day
};

struct TaskUpdateFact {
  int year = 0;  // the year the update reports on
  TaskStatus status = TaskStatus::kInProgress;
};

// The years whose occurrence was due before `on` without an update "done"
// for that year (a one-off task: its due date's year, when no update at all
// is "done"), oldest first; empty when nothing is overdue.
std::vector<int> missed_occurrences(const TaskDue& due, const std::vector<TaskUpdateFact>& updates, Date on);

// The date the task is next due on or after `on`; none when it has no date
// or a one-off date has passed.
std::optional<Date> next_due(const TaskDue& due, Date on);

}  // namespace danso
