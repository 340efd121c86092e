// TOTP, the second factor of administrators: RFC 6238 time-based one-time
// passwords over RFC 4226 HOTP. HMAC-SHA1 by default (what authenticator apps
// use), SHA-256 and SHA-512 as RFC 6238 allows; HMAC from OpenSSL's libcrypto
// (libsodium has no HMAC-SHA1). Codes of 6 digits, 30-second steps, one step
// of clock drift accepted either way, and a step once used is refused again.
//
//   totp_code(secret, 59, {.digits = 8})                       // "94287082" (RFC 6238 appendix B)
//   totp_accept(secret, "287082", 59, /*last_step=*/0)         // step 1
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace danso::accounts {

enum class TotpHash { kSha1, kSha256, kSha512 };

struct TotpParams {
  int digits = 6;
  int64_t step_seconds = 30;
  TotpHash hash = TotpHash::kSha1;
};

std::string hotp_code(std::span<const uint8_t> key, uint64_t counter, int digits, TotpHash hash);
std::string totp_code(std::span<const uint8_t> key, int64_t unix_time, const TotpParams& params = {});
// The step of `code` if it matches the step of `unix_time` or one beside it
// and comes after `last_step`; nullopt otherwise.
std::optional<int64_t> totp_accept(std::span<const uint8_t> key, std::string_view code, int64_t unix_time,
                                   int64_t last_step, const TotpParams& params = {});
// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=... for authenticator apps.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

}  // namespace danso::accounts
