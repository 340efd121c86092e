// SHA-256 for the store's record hashes (store/sqlite/record_hashes.h),
// through OpenSSL's digest functions, which use the processor's SHA
// instructions where it has them; kept on the stack, nothing allocated, as
// a hash is taken of every register row written.
//
//   Sha256 h;
//   h.update(data, size);
//   std::array<unsigned char, 32> d = h.finish();
#pragma once

#include <array>
#include <cstddef>
#include <string>

namespace danso::sqlite {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t size);
  std::array<unsigned char, 32> finish();

 private:
  alignas(8) unsigned char state_[128];  // OpenSSL's SHA256_CTX (112 bytes)
};

std::string to_hex(const unsigned char* data, size_t size);

}  // namespace danso::sqlite
