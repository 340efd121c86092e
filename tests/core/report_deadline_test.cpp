// Report deadlines (core/report_deadline.h): the due day of a month, a
// quarter and a year, a day past the month's end, and the checks.
#include <gtest/gtest.h>

#include "core/report_deadline.h"

namespace danso {
namespace {

Date due_of(const ReportDeadlines& d, const char* period) {
  auto p = Period::parse(period);
  EXPECT_TRUE(p.ok()) << period;
  const auto due = due_date(d, *p);
  EXPECT_TRUE(due.has_value()) << period;
  return due.value_or(Date());
}

TEST(ReportDeadline, DefaultsForAMonthAQuarterAndAYear) {
  const ReportDeadlines d;
  EXPECT_EQ(due_of(d, "2025-05").iso(), "2025-06-05");
  EXPECT_EQ(due_of(d, "2025-12").iso(), "2026-01-05");  // into the next year
  EXPECT_EQ(due_of(d, "2025-Q2").iso(), "2025-07-15");
  EXPECT_EQ(due_of(d, "2025-Q4").iso(), "2026-01-15");
  EXPECT_EQ(due_of(d, "2025").iso(), "2025-12-10");    // 10 December of the year itself (2127/KH-UBND)
  EXPECT_EQ(due_of(d, "5/2025").iso(), "2025-06-05");  // the forms' spelling
  for (const char* other : {"2025-H1", "2025-03-15..2025-04-14", "2020..2024", "2025-02-01..2025-03-31"}) {
    auto p = Period::parse(other);
    ASSERT_TRUE(p.ok()) << other;
    EXPECT_FALSE(due_date(d, *p).has_value()) << other;
  }
}

TEST(ReportDeadline, ADayPastTheMonthsEndIsItsLastDay) {
  ReportDeadlines d;
  d.monthly_day = 31;
  d.quarterly_day = 31;
  EXPECT_EQ(due_of(d, "2024-01").iso(), "2024-02-29");
  EXPECT_EQ(due_of(d, "2025-01").iso(), "2025-02-28");
  EXPECT_EQ(due_of(d, "2025-03").iso(), "2025-04-30");
  EXPECT_EQ(due_of(d, "2025-Q1").iso(), "2025-04-30");
  ASSERT_TRUE(parse_yearly_date("02-29", d).ok());
  EXPECT_EQ(due_of(d, "2025").iso(), "2025-02-28");
  EXPECT_EQ(due_of(d, "2024").iso(), "2024-02-29");
}

TEST(ReportDeadline, Checks) {
  ReportDeadlines d;
  EXPECT_TRUE(check_deadlines(d).ok());
  d.monthly_day = 0;
  auto s = check_deadlines(d);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "monthly_day");
  EXPECT_EQ(s.error().en, "the deadline 'monthly_day' must be a day 1-31 (got 0)");
  EXPECT_EQ(s.error().vi, "hạn báo cáo 'monthly_day' phải là ngày 1-31 (nhận 0)");
  d = ReportDeadlines{};
  d.quarterly_day = 32;
  EXPECT_EQ(check_deadlines(d).error().field, "quarterly_day");
  for (const char* bad : {"02-30", "13-01", "1210", "12-1x", "00-10", ""}) {
    ReportDeadlines y;
    const auto st = parse_yearly_date(bad, y);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.error().field, "yearly") << bad;
    EXPECT_EQ(yearly_date_text(y), "12-10") << "unchanged after " << bad;
  }
  ReportDeadlines y;
  ASSERT_TRUE(parse_yearly_date("11-30", y).ok());
  EXPECT_EQ(y.yearly_month, 11);
  EXPECT_EQ(y.yearly_day, 30);
  EXPECT_EQ(yearly_date_text(y), "11-30");
}

}  // namespace
}  // namespace danso
