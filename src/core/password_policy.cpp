#include "core/password_policy.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/text.h"

namespace danso {

namespace {

// The most common passwords of public breach lists, and Vietnamese ones seen
// on such lists, of kPasswordMinChars characters or more (shorter ones fail
// the length rule anyway). Lower case.
constexpr std::array<std::string_view, 72> kCommon = {
    "0123456789",   "0987654321",   "1111111111",   "1122334455",   "1234512345",   "1234567890",
    "12345678910",  "123456789a",   "123456789abc", "1234567890a",  "123456abcd",   "123123123a",
    "1q2w3e4r5t",   "1qaz2wsx3edc", "1qazxsw23edc",     "5555555555",   "6666666666",   "7777777777",
    "8888888888",   "9876543210",   "9999999999",    "a123456789",   "aa12345678",   "abc1234567",
    "abcd123456",   "abcdef1234",   "administrator","admin12345",   "admin123456",  "anhyeuem123",
    "anhyeuem1234", "asdfghjkl1",   "baseball123",  "changeme123",  "danso12345",   "danso123456",
    "dragon1234",   "football123",  "iloveyou12",   "iloveyou123",  "letmein123",   "master1234",
    "matkhau123",   "matkhau1234",  "matkhau12345", "monkey12345",  "password@123",   "p@ssw0rd12",
    "password12",   "password123",  "password1234", "passw0rd123",  "princess123",  "q1w2e3r4t5",
    "qazwsxedc1",   "qwerty1234",   "qwerty12345",  "qwerty123456", "qwertyuiop",   "qwertyuiop1",
    "sunshine123",  "superman123",  "trustno1234",  "vietnam123",   "vietnam1234",  "welcome123",
    "welcome1234",  "zaq12wsxcde",  "zxcvbnm123",   "zxcvbnm1234",  "1234qwer!@",    "12345678a@",
};

size_t utf8_chars(std::string_view s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

}  // namespace

bool is_common_password(std::string_view password) {
  const std::string p = lower_ascii(password);
  return std::find(kCommon.begin(), kCommon.end(), std::string_view(p)) != kCommon.end();
}

Status check_password(std::string_view password, std::string_view username) {
  if (!is_valid_utf8(password))
    return Error::invalid("password", "mật khẩu không phải UTF-8 hợp lệ", "the password is not valid UTF-8");
  if (auto st = check_text_field(password, "password"); !st)
    return Error::invalid("password", "mật khẩu không được chứa ký tự điều khiển (tab, xuống dòng, NUL...)",
                          "the password must not hold a control character (tab, line break, NUL...)");
  if (utf8_chars(password) < kPasswordMinChars)
    return Error::invalid("password", "mật khẩu phải có ít nhất " + std::to_string(kPasswordMinChars) + " ký tự",
                          "the password must have at least " + std::to_string(kPasswordMinChars) + " characters");
  if (password.size() > kPasswordMaxBytes)
    return Error::invalid("password", "mật khẩu dài quá " + std::to_string(kPasswordMaxBytes) + " byte",
                          "the password is longer than " + std::to_string(kPasswordMaxBytes) + " bytes");
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); }))
    return Error::invalid("password", "mật khẩu không được là một ký tự lặp lại",
                          "the password must not be one character repeated");
  if (is_common_password(password))
    return Error::invalid("password", "mật khẩu quá phổ biến, hãy chọn mật khẩu khác",
                          "this password is too common; choose another");
  if (!username.empty() && lower_ascii(password).find(lower_ascii(username)) != std::string::npos)
    return Error::invalid("password", "mật khẩu không được chứa tên đăng nhập",
                          "the password must not contain the user name");
  return {};
}

}  // namespace danso
