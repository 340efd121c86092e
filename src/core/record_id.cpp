#include "core/record_id.h"

#include <limits>
#include <string>

namespace danso {

std::optional<int64_t> record_id_of(std::string_view text) {
  if (text.empty() || text.size() > 19 || text.front() == '0') return std::nullopt;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const int digit = c - '0';
    if (v > (std::numeric_limits<int64_t>::max() - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

Result<int64_t> parse_record_id(std::string_view text, std::string_view field) {
  if (auto id = record_id_of(text)) return *id;
  const std::string name(field);
  return Error::invalid(name,
                        "'" + name +
                            "' phải là mã số nguyên dương viết liền: chỉ chữ số, không dấu, không số 0 đứng đầu, "
                            "không khoảng trắng",
                        "'" + name +
                            "' must be a positive whole number written plainly: digits only, no sign, no leading "
                            "zero, no spaces");
}

}  // namespace danso
