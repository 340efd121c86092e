// Text rules for everything typed by people: UTF-8 only, Vietnamese in the
// composed form (NFC). Spreadsheets on some systems export "Nguyễn" as "e" +
// combining marks (NFD); both must compare equal, so every name is stored
// composed. `fold_for_search` drops the diacritics ("Nguyễn Văn Đức" ->
// "nguyen van duc") so a search typed without them still finds the person.
#pragma once

#include <string>
#include <string_view>

namespace danso {

bool is_valid_utf8(std::string_view s);
// Unicode NFC. Input must be valid UTF-8. Pure-ASCII input is returned as is.
std::string to_nfc(std::string_view s);
// Lower case, diacritics removed, đ/Đ -> d.
std::string fold_for_search(std::string_view s);
// Removes leading and trailing ASCII spaces and tabs.
std::string_view trim(std::string_view s);

}  // namespace danso
