#include "http/media_type.h"

namespace danso::http {

// tchar of RFC 9110 5.6.2.
bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

bool is_ows(char c) { return c == ' ' || c == '\t'; }

// A token at s[i...], advanced past it; empty when none.
std::string token(std::string_view s, size_t& i, bool to_lower) {
  std::string out;
  while (i < s.size() && is_tchar(s[i])) out += to_lower ? lower(s[i++]) : s[i++];
  return out;
}

void skip_ows(std::string_view s, size_t& i) {
  while (i < s.size() && is_ows(s[i])) ++i;
}

// A quoted-string at s[i] == '"', unquoted, advanced past it; nullopt when malformed.
std::optional<std::string> quoted_string(std::string_view s, size_t& i) {
  std::string out;
  for (++i; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"') {
      ++i;
      return out;
    }
    if (c == '\\') {
      if (++i == s.size()) return std::nullopt;
      const unsigned char q = static_cast<unsigned char>(s[i]);
      if (q != '\t' && (q < 0x20 || q == 0x7f)) return std::nullopt;  // HTAB / SP / VCHAR / obs-text
      out += char(q);
      continue;
    }
    if (c != '\t' && (c < 0x20 || c == 0x7f)) return std::nullopt;  // qdtext
    out += char(c);
  }
  return std::nullopt;  // no closing quote
}

}  // namespace

const std::string* MediaType::param(std::string_view name) const {
  for (const auto& [n, v] : params)
    if (n == name) return &v;
  return nullptr;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::optional<MediaType> parse_media_type(std::string_view s) {
  size_t i = 0;
  skip_ows(s, i);
  MediaType m;
  m.type = token(s, i, true);
  if (m.type.empty() || i == s.size() || s[i] != '/') return std::nullopt;
  ++i;
  m.subtype = token(s, i, true);
  if (m.subtype.empty()) return std::nullopt;
  // parameters = *( OWS ";" OWS [ parameter ] )
  while (true) {
    skip_ows(s, i);
    if (i == s.size()) return m;
    if (s[i] != ';') return std::nullopt;
    ++i;
    skip_ows(s, i);
    if (i == s.size() || s[i] == ';') continue;  // an empty parameter
    std::string name = token(s, i, true);
    if (name.empty() || i == s.size() || s[i] != '=') return std::nullopt;
    ++i;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      auto q = quoted_string(s, i);
      if (!q) return std::nullopt;
      value = std::move(*q);
    } else {
      value = token(s, i, false);
      if (value.empty()) return std::nullopt;
    }
    if (m.param(name)) return std::nullopt;  // given twice
    m.params.emplace_back(std::move(name), std::move(value));
  }
}

}  // namespace danso::http
