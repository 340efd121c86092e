#include "core/report_deadline.h"

#include <algorithm>
#include <cstdio>

namespace danso {

namespace {

Date deadline_day_of(int year, int month, int day) {
  return Date::from_ymd_unchecked(year, month, std::min(day, days_in_month(year, month)));
}

Error deadline_day_error(const char* field, int value) {
  const std::string v = std::to_string(value);
  return Error::invalid(field, "hạn báo cáo '" + std::string(field) + "' phải là ngày 1-31 (nhận " + v + ")",
                        "the deadline '" + std::string(field) + "' must be a day 1-31 (got " + v + ")");
}

}  // namespace

Status check_deadlines(const ReportDeadlines& d) {
  if (d.monthly_day < 1 || d.monthly_day > 31) return deadline_day_error("monthly_day", d.monthly_day);
  if (d.quarterly_day < 1 || d.quarterly_day > 31) return deadline_day_error("quarterly_day", d.quarterly_day);
  if (d.yearly_month < 1 || d.yearly_month > 12 || d.yearly_day < 1 || d.yearly_day > days_in_month(2024, d.yearly_month))
    return Error::invalid("yearly", "ngày hạn báo cáo năm không có thật: " + yearly_date_text(d),
                          "the yearly report's due date is no real day: " + yearly_date_text(d));
  return {};
}

std::optional<Date> due_date(const ReportDeadlines& d, const Period& p) {
  const int y = p.first.year(), m = p.first.month();
  if (p.first.day() != 1 || p.last.add_days(1).day() != 1) return std::nullopt;
  const int months = (p.last.year() - y) * 12 + p.last.month() - m + 1;
  const Date after = p.last.add_days(1);  // the first day of the month after
  if (months == 1) return deadline_day_of(after.year(), after.month(), d.monthly_day);
  if (months == 3 && (m - 1) % 3 == 0) return deadline_day_of(after.year(), after.month(), d.quarterly_day);
  if (months == 12 && m == 1) return deadline_day_of(y, d.yearly_month, d.yearly_day);
  return std::nullopt;
}

std::string yearly_date_text(const ReportDeadlines& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d-%02d", d.yearly_month, d.yearly_day);
  return buf;
}

Status parse_yearly_date(std::string_view text, ReportDeadlines& d, std::string_view field) {
  int m = 0, day = 0;
  const bool shape = text.size() == 5 && text[2] == '-' && std::all_of(text.begin(), text.end(), [](char c) {
                       return c == '-' || (c >= '0' && c <= '9');
                     });
  if (shape) {
    m = (text[0] - '0') * 10 + (text[1] - '0');
    day = (text[3] - '0') * 10 + (text[4] - '0');
  }
  if (!shape || m < 1 || m > 12 || day < 1 || day > days_in_month(2024, m))
    return Error::invalid(std::string(field), "ngày hạn báo cáo năm phải có dạng MM-DD (12-10), nhận '" + std::string(text) + "'",
                          "the yearly due date must read MM-DD (12-10), got '" + std::string(text) + "'");
  d.yearly_month = m;
  d.yearly_day = day;
  return {};
}

}  // namespace danso
