// Download names that say what and when: a unit's name as it may stand in a
// file name, and the name of a list's download.
//
//   name_slug("Xã Tân Lộc");                          // "xa-Tan-Loc"
//   download_stem("households", {"99001", "2025"});   // "ho-dan-cu-99001-2025"
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace danso {

// Diacritics dropped (đ -> d), words joined by '-', other characters left
// out; the leading words naming the unit's kind (Xã, Phường, Thị trấn,
// Huyện, Quận, Thị xã, Thành phố, Tỉnh, Thôn, Ấp, Bản) in lower case, the
// other words capitalised as in the name.
std::string name_slug(std::string_view name);

// The Vietnamese name of a list's download ("households" -> "ho-dan-cu",
// "indicators" -> "chi-tieu"; the list's key when it has none), followed by
// each non-empty part (slugged: a name's letters, a code or a period as
// is), joined by '-'.
std::string download_stem(std::string_view list, const std::vector<std::string>& parts);

}  // namespace danso
