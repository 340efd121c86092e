// Password policy: what a new password must be before it is hashed. Long
// enough (counted in characters, not bytes), not too long for the hash, not
// one of the most common passwords, not the user name, not one character
// repeated, no control character (core/text.h check_text_field). No I/O: the list of common passwords is embedded.
//
//   check_password("matkhau123", "ctv.thon1")  // error: too short / common
#pragma once

#include <string_view>

#include "core/result.h"

namespace danso {

inline constexpr size_t kPasswordMinChars = 10;
inline constexpr size_t kPasswordMaxBytes = 256;

Status check_password(std::string_view password, std::string_view username);
// Whether the password, case folded to ASCII lower case, is on the embedded
// list of common passwords.
bool is_common_password(std::string_view password);

}  // namespace danso
