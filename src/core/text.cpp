#include "core/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>

namespace danso {

namespace {

// The code point at p (valid UTF-8 as is_valid_utf8 has it) and its length
// in bytes; 0 when the bytes there are not valid UTF-8.
size_t decode_utf8(const unsigned char* p, const unsigned char* end, uint32_t& cp) {
  const unsigned char c = *p;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  size_t n;
  if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
  else return 0;
  if (size_t(end - p) <= n) return 0;
  for (size_t i = 1; i <= n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n + 1;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    uint32_t cp = 0;
    const size_t n = decode_utf8(p, end, cp);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

namespace {
bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}
}  // namespace

std::string to_nfc(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), int32_t(s.size())));
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string r;
  out.toUTF8String(r);
  return r;
}

namespace {

// The whole folding by ICU: decompose, drop the marks, đ -> d, lower case,
// compose. Correct for any text, but a few microseconds a name and one
// transliterator for all threads.
std::string fold_with_icu(std::string_view s) {
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> tr;
  static std::mutex mu;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    tr.reset(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; [đĐ] > d; Lower; NFC", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
      status = U_ZERO_ERROR;
      tr.reset(icu::Transliterator::createInstance("NFD; [:Nonspacing Mark:] Remove; Lower; NFC",
                                                   UTRANS_FORWARD, status));
    }
  });
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), int32_t(s.size())));
  u.findAndReplace(icu::UnicodeString(u"\u0111"), icu::UnicodeString(u"d"));
  u.findAndReplace(icu::UnicodeString(u"\u0110"), icu::UnicodeString(u"d"));
  if (tr) {
    std::lock_guard<std::mutex> lock(mu);
    tr->transliterate(u);
  }
  std::string r;
  u.toUTF8String(r);
  return r;
}

// The register search folds every name of a commune, so the letters of
// Vietnamese names are folded from a table: each code point of the Latin
// blocks and of the combining marks, folded once by ICU. Only a code point
// whose folding is plain ASCII (or nothing, a mark) is taken from the table;
// such letters fold the same alone as within a word (they decompose into a
// letter and marks, the marks are dropped, and Latin lower case does not
// depend on the neighbours). Any other code point sends the whole text to ICU.
struct FoldTable {
  static constexpr char32_t kBlocks[][2] = {{0x80, 0x250}, {0x300, 0x370}, {0x1E00, 0x1F00}};
  struct Entry {
    bool ascii = false;
    char len = 0;
    char text[3] = {};
  };
  Entry latin[0x250 - 0x80], marks[0x370 - 0x300], extended[0x1F00 - 0x1E00];

  FoldTable() {
    for (const auto& b : kBlocks)
      for (char32_t c = b[0]; c < b[1]; ++c) {
        icu::UnicodeString one(static_cast<UChar32>(c));
        std::string utf8;
        one.toUTF8String(utf8);
        const std::string f = fold_with_icu(utf8);
        Entry* e = find(c);
        if (f.size() > sizeof(e->text)) continue;
        bool ascii = true;
        for (unsigned char ch : f) ascii = ascii && ch < 0x80;
        if (!ascii) continue;
        e->ascii = true;
        e->len = char(f.size());
        for (size_t i = 0; i < f.size(); ++i) e->text[i] = f[i];
      }
  }
  Entry* find(char32_t c) {
    if (c >= 0x80 && c < 0x250) return &latin[c - 0x80];
    if (c >= 0x300 && c < 0x370) return &marks[c - 0x300];
    if (c >= 0x1E00 && c < 0x1F00) return &extended[c - 0x1E00];
    return nullptr;
  }
};

// Folds `s` from the table; false when a code point is not in it (or the
// text is not valid UTF-8).
bool fold_from_table(std::string_view s, std::string& out) {
  static FoldTable table;
  out.clear();
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      out += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      ++p;
      continue;
    }
    char32_t cp;
    int n;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else return false;
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < (n == 1 ? 0x80u : 0x800u)) return false;  // overlong
    const FoldTable::Entry* e = table.find(cp);
    if (!e || !e->ascii) return false;
    out.append(e->text, size_t(e->len));
    p += n + 1;
  }
  return true;
}

}  // namespace

std::string fold_for_search(std::string_view s) {
  std::string r;
  fold_for_search(s, r);
  return r;
}

void fold_for_search(std::string_view s, std::string& out) {
  if (is_ascii(s)) {
    out.assign(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return;
  }
  if (!fold_from_table(s, out)) out = fold_with_icu(s);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

namespace {

bool is_control(uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

std::string code_point_name(uint32_t cp) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "U+00";
  out += hex[(cp >> 4) & 0xF];
  out += hex[cp & 0xF];
  switch (cp) {
    case 0x00: return out + " (NUL)";
    case 0x09: return out + " (TAB)";
    case 0x0A: return out + " (LF)";
    case 0x0D: return out + " (CR)";
    case 0x1B: return out + " (ESC)";
    case 0x7F: return out + " (DEL)";
    default: return out;
  }
}

}  // namespace

Status check_text_field(std::string_view value, std::string_view field, TextKind kind) {
  const auto* p = reinterpret_cast<const unsigned char*>(value.data());
  const auto* end = p + value.size();
  const std::string name(field);
  for (size_t chars = 1; p < end; ++chars) {
    uint32_t cp = 0;
    const size_t n = decode_utf8(p, end, cp);
    if (n == 0)
      return Error::invalid(name, "trường '" + name + "' không phải văn bản UTF-8 hợp lệ",
                            "the field '" + name + "' is not valid UTF-8 text");
    const bool line_end = kind == TextKind::kMultiline &&
                          (cp == '\n' || (cp == '\r' && p + 1 < end && p[1] == '\n'));
    if (is_control(cp) && !line_end)
      return Error::invalid(name,
                            "trường '" + name + "' chứa ký tự điều khiển " + code_point_name(cp) + " ở ký tự thứ " +
                                std::to_string(chars) + ", không được phép",
                            "the field '" + name + "' holds the control character " + code_point_name(cp) +
                                " at character " + std::to_string(chars) + ", which is not allowed");
    p += n;
  }
  return {};
}

std::string show_controls(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    uint32_t cp = 0;
    const size_t n = decode_utf8(p, end, cp);
    if (n != 0 && !is_control(cp)) {
      out.append(reinterpret_cast<const char*>(p), n);
      p += n;
      continue;
    }
    for (size_t i = 0; i < std::max<size_t>(n, 1); ++i) {
      out += "\\x";
      out += hex[p[i] >> 4];
      out += hex[p[i] & 0xF];
    }
    p += std::max<size_t>(n, 1);
  }
  return out;
}

namespace {

// Whether the code point at s[i...] belongs to a word, advancing i past it:
// a letter, a digit or a private-use character (unicode61's L*, N* and Co);
// every other one (a space, punctuation such as the ’ of "H’Hen", a symbol)
// separates. Bytes that are not UTF-8 count as letters. ASCII is decided
// here; the rest by ICU.
bool word_char_at(std::string_view s, size_t& i) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    const unsigned char lower = b | 0x20;
    return (b >= '0' && b <= '9') || (lower >= 'a' && lower <= 'z');
  }
  UChar32 c = 0;
  int32_t at = int32_t(i);
  U8_NEXT(s.data(), at, int32_t(s.size()), c);
  i = size_t(at);
  if (c < 0) return true;
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK)) != 0;
}

// The next word of s at or after i (i left past it); false when none is left.
bool next_word(std::string_view s, size_t& i, std::string_view& word) {
  size_t start = 0;
  bool inside = false;
  while (i < s.size()) {
    const size_t here = i;
    const bool in = word_char_at(s, i);
    if (in && !inside) start = here, inside = true;
    if (!in && inside) {
      word = s.substr(start, here - start);
      return true;
    }
  }
  if (inside) word = s.substr(start);
  return inside;
}

// Whether some word of the folded name begins with w.
bool some_word_begins_with(std::string_view folded_name, std::string_view w) {
  size_t i = 0;
  std::string_view n;
  while (next_word(folded_name, i, n))
    if (n.size() >= w.size() && n.compare(0, w.size(), w) == 0) return true;
  return false;
}

}  // namespace

std::vector<std::string_view> search_words(std::string_view folded) {
  std::vector<std::string_view> out;
  size_t i = 0;
  std::string_view w;
  while (next_word(folded, i, w)) out.push_back(w);
  return out;
}

bool word_begins_at(std::string_view folded, size_t at) {
  if (at == 0) return true;
  size_t lead = at - 1;  // the first byte of the character before
  while (lead > 0 && (static_cast<unsigned char>(folded[lead]) & 0xC0) == 0x80 && at - lead < 4) --lead;
  return !word_char_at(folded, lead);
}

std::string_view word_at(std::string_view folded, size_t at) {
  size_t end = at;
  while (end < folded.size()) {
    const size_t here = end;
    if (!word_char_at(folded, end)) {
      end = here;
      break;
    }
  }
  return folded.substr(at, end - at);
}

bool name_words_begin_with(std::string_view folded_name, std::string_view folded_search) {
  size_t i = 0;
  std::string_view w;
  while (next_word(folded_search, i, w))
    if (!some_word_begins_with(folded_name, w)) return false;
  return true;
}

bool name_words_begin_with(std::string_view folded_name, std::span<const std::string_view> words) {
  for (std::string_view w : words)
    if (!some_word_begins_with(folded_name, w)) return false;
  return true;
}

}  // namespace danso
