// MediaType: a Content-Type value parsed as RFC 9110 (section 8.3.1) has it:
// type "/" subtype, then parameters, each `;` name `=` token or
// quoted-string, with optional spaces and tabs around the semicolons. Type,
// subtype and parameter names are case-insensitive and kept in lower case;
// values as sent (a quoted-string unquoted). Anything else (a missing or
// empty subtype, a character outside a token, a parameter without a value,
// one given twice) is not a media type.
//
//   auto m = parse_media_type("Application/JSON; charset=\"UTF-8\"");
//   // m->type == "application", m->subtype == "json", *m->param("charset") == "UTF-8"
//   parse_media_type("application/jsonx")->subtype;  // "jsonx": not JSON
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danso::http {

struct MediaType {
  std::string type, subtype;
  std::vector<std::pair<std::string, std::string>> params;  // names in lower case
  // The value of a parameter (name in lower case), nullptr when absent.
  const std::string* param(std::string_view name) const;
};

std::optional<MediaType> parse_media_type(std::string_view text);

// A character of a token (tchar of RFC 9110 5.6.2): a method, a header
// field's name, a media type's parts.
bool is_tchar(char c);

// ASCII case-insensitive equality (for parameter values such as a charset).
bool iequals_ascii(std::string_view a, std::string_view b);

}  // namespace danso::http
