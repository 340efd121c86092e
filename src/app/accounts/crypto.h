// The cryptography of accounts, over libsodium: passwords hashed with
// argon2id (crypto_pwhash_str at the library's interactive limits or more),
// random tokens of 256 bits, SHA-256 (OpenSSL's, for its speed on large
// files), constant-time comparison, and the base32 text of TOTP secrets
// (RFC 4648).
//
//   std::string h = hash_password("một mật khẩu dài");   // "$argon2id$v=19$m=65536,t=2,p=1$..."
//   verify_password(h, "một mật khẩu dài");              // true
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danso::accounts {

// Throws std::runtime_error when libsodium cannot start or runs out of memory.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

// 256 random bits, base64url without padding (43 characters).
std::string random_token();
std::vector<uint8_t> random_bytes(size_t n);
std::string sha256_hex(std::string_view data);
bool constant_time_equal(std::string_view a, std::string_view b);

std::string base32_encode(const std::vector<uint8_t>& bytes);
// Upper or lower case, spaces and padding ignored; nullopt on another character.
std::optional<std::vector<uint8_t>> base32_decode(std::string_view text);

}  // namespace danso::accounts
