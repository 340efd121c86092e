// The overdue rule of tasks (core/task.h): a one-off due date, a duty due
// every year, updates for the wrong year, and the recurrence's spelling.
#include <gtest/gtest.h>

#include "core/task.h"

namespace danso {
namespace {

Date d(int y, int m, int day) { return Date::from_ymd_unchecked(y, m, day); }

TEST(TaskDue, AOneOffTaskIsOverdueOnceItsDayHasPassedWithoutDone) {
  const TaskDue due{d(2025, 3, 31), std::nullopt};
  EXPECT_TRUE(missed_occurrences(due, {}, d(2025, 3, 31)).empty());  // due that day: not yet late
  EXPECT_EQ(missed_occurrences(due, {}, d(2025, 4, 1)), std::vector<int>{2025});
  EXPECT_EQ(missed_occurrences(due, {{2025, TaskStatus::kInProgress}}, d(2025, 4, 1)), std::vector<int>{2025});
  // Done in any year closes it, even reported late.
  EXPECT_TRUE(missed_occurrences(due, {{2026, TaskStatus::kDone}}, d(2026, 2, 1)).empty());
  EXPECT_EQ(next_due(due, d(2025, 1, 1)), d(2025, 3, 31));
  EXPECT_FALSE(next_due(due, d(2025, 4, 1)));
}

TEST(TaskDue, AYearlyTaskNeedsDoneForEachYearItFellDue) {
  // Ninh Thuận's report "trước ngày 10 tháng 12 hàng năm", from 2021.
  const TaskDue due{d(2021, 12, 10), MonthDay{12, 10}};
  const std::vector<TaskUpdateFact> updates = {
      {2021, TaskStatus::kDone}, {2022, TaskStatus::kInProgress}, {2023, TaskStatus::kDone}, {2022, TaskStatus::kBlocked}};
  EXPECT_EQ(missed_occurrences(due, updates, d(2024, 12, 10)), std::vector<int>{2022});
  EXPECT_EQ(missed_occurrences(due, updates, d(2024, 12, 11)), (std::vector<int>{2022, 2024}));
  EXPECT_EQ(next_due(due, d(2024, 12, 11)), d(2025, 12, 10));
  EXPECT_EQ(next_due(due, d(2020, 5, 1)), d(2021, 12, 10));
  // A first due date later in its year than the day of the recurrence: that year's day is not due.
  const TaskDue late{d(2024, 12, 20), MonthDay{6, 30}};
  EXPECT_TRUE(missed_occurrences(late, {}, d(2025, 6, 30)).empty());
  EXPECT_EQ(missed_occurrences(late, {}, d(2025, 7, 1)), std::vector<int>{2025});
}

TEST(TaskDue, ATaskWithoutADateIsNeverOverdue) {
  EXPECT_TRUE(missed_occurrences({}, {}, d(2030, 1, 1)).empty());
  EXPECT_FALSE(next_due({}, d(2030, 1, 1)));
}

TEST(TaskDue, TheRecurrenceIsYearlyOnADayEveryYearHas) {
  EXPECT_EQ(parse_recurrence("yearly:12-10", "recurring").value(), (MonthDay{12, 10}));
  EXPECT_EQ(format_recurrence({1, 5}), "yearly:01-05");
  for (const char* bad : {"yearly:02-29", "yearly:13-01", "yearly:12-1", "monthly:12-10", "yearly:1a-10", "", "yearly:12-10 "}) {
    auto r = parse_recurrence(bad, "recurring");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "recurring");
    EXPECT_NE(r.error().vi.find("yearly:MM-DD"), std::string::npos);
  }
}

}  // namespace
}  // namespace danso
