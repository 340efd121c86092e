// The large blocks kept for reuse (large_array.h).
#include "analytics/large_array.h"

#include <deque>
#include <mutex>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define DANSO_KEPT_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define DANSO_KEPT_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define DANSO_KEPT_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define DANSO_KEPT_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#endif
#endif
#ifndef DANSO_KEPT_POISON
#define DANSO_KEPT_POISON(p, n) ((void)(p), (void)(n))
#define DANSO_KEPT_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace danso::analytics {

namespace {

struct KeptBlock {
  void* p;
  size_t bytes;
};

struct KeptBlocks {
  std::mutex mu;
  std::deque<KeptBlock> blocks;  // oldest first
  size_t bytes = 0;
};

KeptBlocks& kept_blocks() {
  static KeptBlocks* kept = new KeptBlocks();  // never destroyed: blocks may be given back at exit
  return *kept;
}

}  // namespace

void* take_kept_block(size_t bytes) {
  KeptBlocks& k = kept_blocks();
  std::lock_guard<std::mutex> lock(k.mu);
  for (auto it = k.blocks.rbegin(); it != k.blocks.rend(); ++it)
    if (it->bytes == bytes) {
      void* p = it->p;
      k.bytes -= bytes;
      k.blocks.erase(std::next(it).base());
      DANSO_KEPT_UNPOISON(p, bytes);
      return p;
    }
  return nullptr;
}

void keep_block(void* p, size_t bytes) noexcept {
  if (bytes > kKeptBytes) {
    std::free(p);
    return;
  }
  KeptBlocks& k = kept_blocks();
  std::lock_guard<std::mutex> lock(k.mu);
  // The oldest let go first, until this one fits (each freed here: no room
  // is taken while giving back).
  while (k.bytes + bytes > kKeptBytes && !k.blocks.empty()) {
    DANSO_KEPT_UNPOISON(k.blocks.front().p, k.blocks.front().bytes);
    std::free(k.blocks.front().p);
    k.bytes -= k.blocks.front().bytes;
    k.blocks.pop_front();
  }
  try {
    k.blocks.push_back({p, bytes});
  } catch (...) {  // no room to note it: given back to the system
    std::free(p);
    return;
  }
  k.bytes += bytes;
  // A kept block is nobody's: reading or writing it is an error a sanitized
  // build reports, as for freed memory.
  DANSO_KEPT_POISON(p, bytes);
}

size_t kept_block_bytes() {
  KeptBlocks& k = kept_blocks();
  std::lock_guard<std::mutex> lock(k.mu);
  return k.bytes;
}

}  // namespace danso::analytics
