#include "core/period.h"

#include <cctype>
#include <charconv>

namespace danso {

namespace {

bool number(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

Error bad_period(std::string_view text) {
  const std::string t(text);
  return Error::invalid("period",
                        "kỳ không hợp lệ '" + t + "'; dùng 2024, 2024-H1, 2024-Q3, 2024-07 (hoặc 07/2024, Q3/2024, "
                        "H1/2024), 2020..2024 hoặc 2024-03-15..2024-09-30",
                        "invalid period '" + t + "'; use 2024, 2024-H1, 2024-Q3, 2024-07 (or 07/2024, Q3/2024, "
                        "H1/2024), 2020..2024 or 2024-03-15..2024-09-30");
}

}  // namespace

Result<Period> Period::parse(std::string_view text) {
  // As Vietnamese forms write them: "12/2025" (a month), "Q3/2025" (a
  // quarter), "H1/2025" (a half), read as their ISO names, which label them.
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    const std::string_view head = text.substr(0, slash), year = text.substr(slash + 1);
    int y = 0, n = 0;
    if (year.size() != 4 || !number(year, y) || head.empty() || head.size() > 2) return bad_period(text);
    std::string iso(year);
    if ((head[0] == 'Q' || head[0] == 'q' || head[0] == 'H' || head[0] == 'h') && head.size() == 2)
      iso += std::string("-") + char(std::toupper(static_cast<unsigned char>(head[0]))) + head[1];
    else if (number(head, n) && n >= 1 && n <= 12)
      iso += (n < 10 ? "-0" : "-") + std::to_string(n);
    else
      return bad_period(text);
    auto p = parse(iso);
    if (!p) return bad_period(text);
    return p;
  }
  if (auto dots = text.find(".."); dots != std::string_view::npos) {
    std::string_view a = text.substr(0, dots), b = text.substr(dots + 2);
    Period p;
    p.label = std::string(text);
    int ya = 0, yb = 0;
    if (a.size() == 4 && b.size() == 4 && number(a, ya) && number(b, yb)) {
      auto fa = Date::from_ymd(ya, 1, 1);
      auto lb = Date::from_ymd(yb, 12, 31);
      if (!fa || !lb || yb < ya) return bad_period(text);
      p.first = *fa, p.last = *lb;
      return p;
    }
    auto da = Date::parse(a, "period"), db = Date::parse(b, "period");
    if (!da || !db || *db < *da) return bad_period(text);
    p.first = *da, p.last = *db;
    return p;
  }
  int year = 0;
  if (text.size() < 4 || !number(text.substr(0, 4), year) || year < 1900 || year > 2099) return bad_period(text);
  Period p;
  p.label = std::string(text);
  if (text.size() == 4) {
    p.first = Date::from_ymd_unchecked(year, 1, 1);
    p.last = Date::from_ymd_unchecked(year, 12, 31);
    return p;
  }
  if (text.size() != 7 || text[4] != '-') return bad_period(text);
  std::string_view rest = text.substr(5);
  int n = 0;
  if ((rest[0] == 'Q' || rest[0] == 'q') && number(rest.substr(1), n) && n >= 1 && n <= 4) {
    p.first = Date::from_ymd_unchecked(year, 3 * n - 2, 1);
    p.last = Date::from_ymd_unchecked(year, 3 * n, days_in_month(year, 3 * n));
    return p;
  }
  if ((rest[0] == 'H' || rest[0] == 'h') && number(rest.substr(1), n) && n >= 1 && n <= 2) {
    p.first = Date::from_ymd_unchecked(year, 6 * n - 5, 1);
    p.last = Date::from_ymd_unchecked(year, 6 * n, days_in_month(year, 6 * n));
    return p;
  }
  if (number(rest, n) && n >= 1 && n <= 12) {
    p.first = Date::from_ymd_unchecked(year, n, 1);
    p.last = Date::from_ymd_unchecked(year, n, days_in_month(year, n));
    return p;
  }
  return bad_period(text);
}

}  // namespace danso
