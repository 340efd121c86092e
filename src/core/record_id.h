// The text of a record id as the API takes it, in a path or in a body: a
// clean positive integer, written one way only. Decimal digits, the first
// not 0, at most 9223372036854775807; no sign, no white space, no leading
// zero, no exponent. " 5", "5 ", "+5", "05", "5.0", "1e3" and
// "99999999999999999999" are refused, so the text that is checked against
// the caller's scope is the text of the record that is read or written (the
// CSV files of the command line keep their own, more lenient reading).
//
//   parse_record_id("900001", "household_id")   // 900001
//   parse_record_id(" 900001", "household_id")  // error naming household_id
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.h"

namespace danso {

// The id, or nullopt when `text` is not a clean positive integer.
std::optional<int64_t> record_id_of(std::string_view text);
// The same as a Result whose error (kInvalidArgument) names `field`.
Result<int64_t> parse_record_id(std::string_view text, std::string_view field);

}  // namespace danso
