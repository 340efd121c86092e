#include "app/export/file_names.h"

#include <array>
#include <cctype>
#include <utility>

#include "core/text.h"

namespace danso {

namespace {

bool names_unit_kind(const std::string& folded) {
  static const std::array<const char*, 13> kinds = {"xa",   "phuong", "thi",  "tran", "huyen", "quan", "tinh",
                                                    "thanh", "pho",   "thon", "ap",   "ban",   "to"};
  for (const char* k : kinds)
    if (folded == k) return true;
  return false;
}

// A word starts with a capital: an ASCII capital, or a Vietnamese capital
// letter (its folded form differs from the folded lower case only by case,
// so compare the first code point with its lower-case spelling).
bool starts_capital(const std::string& word) {
  const unsigned char first = static_cast<unsigned char>(word[0]);
  if (first < 0x80) return first >= 'A' && first <= 'Z';
  static const std::array<const char*, 14> capitals = {"Đ", "Â", "Ă", "Ê", "Ô", "Ơ", "Ư",
                                                       "Á", "À", "Ả", "Ấ", "Ầ", "Ố", "Ú"};
  for (const char* c : capitals)
    if (word.rfind(c, 0) == 0) return true;
  return false;
}

}  // namespace

std::string name_slug(std::string_view n) {
  std::string out;
  bool leading = true;  // still in the words naming the unit's kind
  size_t at = 0;
  while (at < n.size()) {
    size_t end = n.find(' ', at);
    if (end == std::string_view::npos) end = n.size();
    const std::string word(n.substr(at, end - at));
    at = end + 1;
    if (word.empty()) continue;
    std::string folded;
    for (char c : fold_for_search(word))
      if (std::isalnum(static_cast<unsigned char>(c))) folded += c;
    if (folded.empty()) continue;
    leading = leading && names_unit_kind(folded);
    if (!leading && starts_capital(word)) folded[0] = char(std::toupper(static_cast<unsigned char>(folded[0])));
    if (!out.empty()) out += '-';
    out += folded;
  }
  return out;
}

std::string download_stem(std::string_view list, const std::vector<std::string>& parts) {
  static const std::array<std::pair<const char*, const char*>, 10> names = {{
      {"households", "ho-dan-cu"},
      {"persons", "nhan-khau"},
      {"events", "phieu-thu-tin"},
      {"staff", "can-bo"},
      {"users", "nguoi-dung"},
      {"audit", "nhat-ky"},
      {"indicators", "chi-tieu"},
      {"analysis", "phan-tich"},
      {"reports", "bao-cao"},
      {"worklists", "danh-sach-can-lam"},
  }};
  std::string out(list);
  for (const auto& [key, vi] : names)
    if (list == key) out = vi;
  for (const std::string& p : parts) {
    bool plain = true;  // a code or a period: kept as it is
    for (char c : p) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
    const std::string s = plain ? p : name_slug(p);
    if (!s.empty()) out += "-" + s;
  }
  return out;
}

}  // namespace danso
