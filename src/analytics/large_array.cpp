// The large blocks kept for reuse (large_array.h).
#include "analytics/large_array.h"

#include <deque>
#include <mutex>

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
      return p;
    }
  return nullptr;
}

void keep_block(void* p, size_t bytes) {
  if (bytes > kKeptBytes) {
    std::free(p);
    return;
  }
  KeptBlocks& k = kept_blocks();
  std::deque<void*> let_go;
  {
    std::lock_guard<std::mutex> lock(k.mu);
    while (k.bytes + bytes > kKeptBytes && !k.blocks.empty()) {
      let_go.push_back(k.blocks.front().p);
      k.bytes -= k.blocks.front().bytes;
      k.blocks.pop_front();
    }
    k.blocks.push_back({p, bytes});
    k.bytes += bytes;
  }
  for (void* q : let_go) std::free(q);
}

size_t kept_block_bytes() {
  KeptBlocks& k = kept_blocks();
  std::lock_guard<std::mutex> lock(k.mu);
  return k.bytes;
}

}  // namespace danso::analytics
