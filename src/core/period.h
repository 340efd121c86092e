// Period: a reporting period as people name it — a year ("2024"), a half
// ("2024-H1"), a quarter ("2024-Q3"), a month ("2024-07"), a custom range of
// days ("2024-03-15..2024-09-30") or of years ("2020..2024") — as an
// inclusive range of days. The forms' own spellings "7/2024", "Q3/2024" and
// "H1/2024" are read too, labelled by their ISO names ("2024-07").
//
//   auto p = Period::parse("2024-Q3");   // 2024-07-01 .. 2024-09-30
//   p->days();                           // 92
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace danso {

struct Period {
  std::string label;  // as given, normalised
  Date first;
  Date last;  // inclusive

  static Result<Period> parse(std::string_view text);
  int days() const { return last.days() - first.days() + 1; }
  // The middle day (the later of two when the count is even).
  Date middle() const { return Date::from_days(first.days() + days() / 2); }
  // Length in years (365.25 days a year), for annualising rates.
  double years() const { return days() / 365.25; }
  bool contains(Date d) const { return first <= d && d <= last; }
};

}  // namespace danso
