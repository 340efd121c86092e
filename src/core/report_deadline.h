// Report deadlines as data: each province says by which day a report is due
// (docs/reports.md "Deadlines"). The commune's monthly report is due by day
// `monthly_day` of the next month, the district's quarterly form 01-DSH by
// day `quarterly_day` of the month after the quarter, and the yearly report
// on `yearly_month`-`yearly_day` of the year it covers (10 December: plan
// 2127/KH-UBND of Ninh Thuận, "trước ngày 10 tháng 12 hàng năm"). A day past
// the month's end means its last day (31 in February is the 28th or 29th).
//
//   ReportDeadlines d;                                   // 5, 15, 12-10
//   due_date(d, Period::parse("2025-05").value());      // 2025-06-05
//   due_date(d, Period::parse("2025-Q2").value());      // 2025-07-15
//   due_date(d, Period::parse("2025").value());         // 2025-12-10
#pragma once

#include <optional>
#include <string>

#include "core/period.h"
#include "core/result.h"

namespace danso {

struct ReportDeadlines {
  int monthly_day = 5;     // of the month after the month reported on
  int quarterly_day = 15;  // of the month after the quarter
  int yearly_month = 12;   // the yearly report: this day of the year reported on
  int yearly_day = 10;
};

// The deadlines checked: days 1-31, a yearly date that exists in a leap
// year (02-29 is allowed; it falls on the 28th in other years). An
// invalid_argument naming the field otherwise.
Status check_deadlines(const ReportDeadlines& d);

// The day a report on `period` is due: a month, a quarter or a year; none
// for another kind of period (a half, a custom range).
std::optional<Date> due_date(const ReportDeadlines& d, const Period& period);

// "12-10" for the yearly date, and back (invalid_argument naming `field`).
std::string yearly_date_text(const ReportDeadlines& d);
Status parse_yearly_date(std::string_view text, ReportDeadlines& d, std::string_view field = "yearly");

}  // namespace danso
