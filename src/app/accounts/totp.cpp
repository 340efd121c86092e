#include "app/accounts/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <stdexcept>

#include "app/accounts/crypto.h"

namespace danso::accounts {

namespace {

std::string percent_encode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += char(c);
    else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string hotp_code(std::span<const uint8_t> key, uint64_t counter, int digits, TotpHash hash) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  const EVP_MD* md = hash == TotpHash::kSha1 ? EVP_sha1() : hash == TotpHash::kSha256 ? EVP_sha256() : EVP_sha512();
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(md, key.data(), int(key.size()), msg, sizeof msg, mac, &len)) throw std::runtime_error("HMAC failed");
  // RFC 4226 section 5.3: dynamic truncation.
  const int offset = mac[len - 1] & 0x0F;
  const uint32_t bin = (uint32_t(mac[offset] & 0x7F) << 24) | (uint32_t(mac[offset + 1]) << 16) |
                       (uint32_t(mac[offset + 2]) << 8) | uint32_t(mac[offset + 3]);
  uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(bin % mod);
  return std::string(size_t(digits) - code.size(), '0') + code;
}

std::string totp_code(std::span<const uint8_t> key, int64_t unix_time, const TotpParams& p) {
  return hotp_code(key, uint64_t(unix_time / p.step_seconds), p.digits, p.hash);
}

std::optional<int64_t> totp_accept(std::span<const uint8_t> key, std::string_view code, int64_t unix_time,
                                   int64_t last_step, const TotpParams& p) {
  if (code.size() != size_t(p.digits)) return std::nullopt;
  const int64_t now_step = unix_time / p.step_seconds;
  for (int64_t step : {now_step, now_step - 1, now_step + 1}) {
    if (step <= last_step || step < 0) continue;
    if (constant_time_equal(hotp_code(key, uint64_t(step), p.digits, p.hash), code)) return step;
  }
  return std::nullopt;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  return "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account) +
         "?secret=" + std::string(secret_base32) + "&issuer=" + percent_encode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace danso::accounts
