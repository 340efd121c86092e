#include "core/text.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

namespace danso {

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    int n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
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

std::string fold_for_search(std::string_view s) {
  if (is_ascii(s)) {
    std::string r(s);
    for (char& c : r)
      if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return r;
  }
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

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace danso
