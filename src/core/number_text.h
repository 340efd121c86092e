// Numbers as the tables and reports print them.
//
//   group_thousands(1234567)  // "1.234.567" (the Vietnamese thousands separator)
//   short_number(94330.0)     // "94330";  short_number(2.0314) // "2.031"
//   short_number(std::nullopt)  // ""
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace danso {

std::string group_thousands(int64_t v);
// A whole number without decimals; anything else to 4 significant digits.
std::string short_number(const std::optional<double>& v);

}  // namespace danso
