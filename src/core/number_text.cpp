#include "core/number_text.h"

#include <cmath>
#include <cstdio>

namespace danso {

std::string group_thousands(int64_t v) {
  const uint64_t magnitude = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
  const std::string digits = std::to_string(magnitude);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

std::string short_number(const std::optional<double>& v) {
  if (!v) return "";
  char buf[64];
  if (*v == std::floor(*v) && std::fabs(*v) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", *v);
  else std::snprintf(buf, sizeof buf, "%.4g", *v);
  return buf;
}

}  // namespace danso
