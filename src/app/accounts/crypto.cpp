#include "app/accounts/crypto.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <stdexcept>

namespace danso::accounts {

namespace {

void ensure_sodium() {
  static const int rc = sodium_init();
  if (rc < 0) throw std::runtime_error("libsodium cannot start");
}

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  char buf[crypto_pwhash_STRBYTES] = {};
  hash.copy(buf, hash.size());
  return crypto_pwhash_str_verify(buf, password.data(), password.size()) == 0;
}

std::vector<uint8_t> random_bytes(size_t n) {
  ensure_sodium();
  std::vector<uint8_t> out(n);
  randombytes_buf(out.data(), n);
  return out;
}

std::string random_token() {
  const auto bytes = random_bytes(32);
  const size_t len = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string out(len, '\0');
  sodium_bin2base64(out.data(), len, bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(len - 1);  // the terminator
  return out;
}

std::string sha256_hex(std::string_view data) {
  // OpenSSL's, which uses the processor's SHA instructions: a file of a
  // gigabyte (an import's) is hashed in about a second.
  ensure_sodium();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1 || len != 32)
    throw std::runtime_error("SHA-256 failed");
  char hex[32 * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, len);
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  ensure_sodium();
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string base32_encode(const std::vector<uint8_t>& bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::vector<uint8_t>> base32_decode(std::string_view text) {
  std::vector<uint8_t> out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '=') continue;
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= '2' && c <= '7') v = c - '2' + 26;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | uint32_t(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(uint8_t((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

}  // namespace danso::accounts
