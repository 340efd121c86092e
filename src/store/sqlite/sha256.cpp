// OpenSSL 3 marks the SHA256_* functions deprecated in favour of EVP, whose
// per-call set-up costs more than hashing a row; they remain supported.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "store/sqlite/sha256.h"

#include <openssl/sha.h>

namespace danso::sqlite {

static_assert(sizeof(SHA256_CTX) <= 128);

Sha256::Sha256() { SHA256_Init(reinterpret_cast<SHA256_CTX*>(state_)); }

void Sha256::update(const void* data, size_t size) { SHA256_Update(reinterpret_cast<SHA256_CTX*>(state_), data, size); }

std::array<unsigned char, 32> Sha256::finish() {
  std::array<unsigned char, 32> out{};
  SHA256_Final(out.data(), reinterpret_cast<SHA256_CTX*>(state_));
  return out;
}

std::string to_hex(const unsigned char* data, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 15];
  }
  return out;
}

}  // namespace danso::sqlite
