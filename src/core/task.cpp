#include "core/task.h"

#include <algorithm>
#include <cstdio>

namespace danso {

Result<MonthDay> parse_recurrence(std::string_view text, std::string_view field) {
  const std::string f(field);
  auto bad = [&] {
    return Error::invalid(f, "'" + std::string(text) + "' không phải lịch lặp 'yearly:MM-DD' (ví dụ yearly:12-10)",
                          "'" + std::string(text) + "' is not a recurrence 'yearly:MM-DD' (e.g. yearly:12-10)");
  };
  constexpr std::string_view kPrefix = "yearly:";
  if (text.size() != kPrefix.size() + 5 || text.substr(0, kPrefix.size()) != kPrefix) return bad();
  const std::string_view md = text.substr(kPrefix.size());
  if (md[2] != '-' || md.find_first_not_of("0123456789-") != std::string_view::npos) return bad();
  const int month = (md[0] - '0') * 10 + (md[1] - '0'), day = (md[3] - '0') * 10 + (md[4] - '0');
  // A day every year has (2001 is not a leap year: 29 February is refused).
  if (!Date::from_ymd(2001, month, day)) return bad();
  return MonthDay{month, day};
}

std::string format_recurrence(const MonthDay& md) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "yearly:%02d-%02d", md.month, md.day);
  return buf;
}

namespace {

bool done_in(const std::vector<TaskUpdateFact>& updates, std::optional<int> year) {
  return std::any_of(updates.begin(), updates.end(), [&](const TaskUpdateFact& u) {
    return u.status == TaskStatus::kDone && (!year || u.year == *year);
  });
}

}  // namespace

std::vector<int> missed_occurrences(const TaskDue& due, const std::vector<TaskUpdateFact>& updates, Date on) {
  std::vector<int> missed;
  if (!due.first) return missed;
  if (!due.yearly) {
    if (*due.first < on && !done_in(updates, std::nullopt)) missed.push_back(due.first->year());
    return missed;
  }
  for (int y = due.first->year(); y <= on.year(); ++y) {
    const Date d = Date::from_ymd_unchecked(y, due.yearly->month, due.yearly->day);
    if (d < *due.first) continue;
    if (d < on && !done_in(updates, y)) missed.push_back(y);
  }
  return missed;
}

std::optional<Date> next_due(const TaskDue& due, Date on) {
  if (!due.first) return std::nullopt;
  if (!due.yearly) return *due.first >= on ? due.first : std::nullopt;
  if (*due.first >= on) return due.first;
  for (int y = on.year(); y <= std::min(on.year() + 1, 2099); ++y) {
    const Date d = Date::from_ymd_unchecked(y, due.yearly->month, due.yearly->day);
    if (d >= on) return d;
  }
  return std::nullopt;
}

}  // namespace danso
