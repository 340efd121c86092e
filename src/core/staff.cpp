#include "core/staff.h"

namespace danso {

Result<Duties> parse_duties(std::string_view text, std::string_view field) {
  Duties d{false, false, false};
  size_t start = 0;
  bool any = false;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    if (part == "population") d.population = true;
    else if (part == "family") d.family = true;
    else if (part == "children") d.children = true;
    else
      return Error::invalid(std::string(field),
                            "nhiệm vụ không hợp lệ '" + std::string(part) +
                                "'; cho phép: population;family;children",
                            "invalid duty '" + std::string(part) +
                                "'; allowed: population;family;children");
    any = true;
    start = end + 1;
  }
  if (!any) return Error::invalid(std::string(field), "thiếu nhiệm vụ", "duties missing");
  return d;
}

std::string format_duties(const Duties& d) {
  std::string s;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!s.empty()) s += ';';
    s += name;
  };
  add(d.population, "population");
  add(d.family, "family");
  add(d.children, "children");
  return s;
}

}  // namespace danso
