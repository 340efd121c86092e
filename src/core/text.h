// Text rules for everything typed by people: UTF-8 only, Vietnamese in the
// composed form (NFC). Spreadsheets on some systems export "Nguyễn" as "e" +
// combining marks (NFD); both must compare equal, so every name is stored
// composed. `fold_for_search` drops the diacritics ("Nguyễn Văn Đức" ->
// "nguyen van duc") so a search typed without them still finds the person.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace danso {

bool is_valid_utf8(std::string_view s);
// Unicode NFC. Input must be valid UTF-8. Pure-ASCII input is returned as is.
std::string to_nfc(std::string_view s);
// Lower case, diacritics removed, đ/Đ -> d.
std::string fold_for_search(std::string_view s);
// The same into `out` (its storage reused), for folding many names.
void fold_for_search(std::string_view s, std::string& out);
// Removes leading and trailing ASCII spaces.
std::string_view trim(std::string_view s);

// The words of a folded text as the index of folded names cuts them (SQLite
// FTS5's unicode61 tokenizer): runs of letters, digits and private-use
// characters; every other character separates ("h'mong" -> "h", "mong";
// "h’hen nie" -> "h", "hen", "nie").
std::vector<std::string_view> search_words(std::string_view folded);
// Whether each word of the folded search text begins a word of the folded
// name, in any order: the register search's rule (`"van an"` finds
// "nguyen van anh"); an empty search finds every name.
bool name_words_begin_with(std::string_view folded_name, std::string_view folded_search);
// Whether a word of `folded` begins at byte `at`: nothing that belongs to a
// word (search_words' rule) comes just before it.
bool word_begins_at(std::string_view folded, size_t at);
// The word of `folded` that begins at byte `at` (search_words' rule): the
// letters, digits and private-use characters from there on; empty when the
// character at `at` is none of those.
std::string_view word_at(std::string_view folded, size_t at);
// The same with the search's words cut once (search_words), for testing
// many names against one search.
bool name_words_begin_with(std::string_view folded_name, std::span<const std::string_view> words);

// What a text field typed by a person may hold (a name, an address, a code,
// a comment): valid UTF-8 without control characters. kLine refuses every C0
// control (U+0000-U+001F: NUL, tab, CR and LF included), DEL (U+007F) and
// every C1 control (U+0080-U+009F); kMultiline (a free comment typed in a
// text box) allows LF and CRLF line ends and refuses the rest alike.
// The one rule for the files' text columns and the forms' text fields.
//
//   check_text_field("Nguyễn Văn A", "name")       // ok
//   check_text_field("Nguyễn\tVăn A", "name")      // error naming "name" and U+0009
enum class TextKind { kLine, kMultiline };
Status check_text_field(std::string_view value, std::string_view field, TextKind kind = TextKind::kLine);
// `s` with each control character (as above) and each byte that is not
// valid UTF-8 written as \xHH, so that a value can be shown on a terminal.
std::string show_controls(std::string_view s);

}  // namespace danso
