// The count arrays' large blocks: one given back is used again for the next
// array of the same size (zeroed by SlotArray, whatever it held), never for
// another size, and no more than kKeptBytes are kept.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "analytics/large_array.h"
#include "analytics/slot_array.h"

using namespace danso::analytics;

namespace {

struct Row {
  int64_t v[512];  // 4 KiB
};

TEST(LargeArray, ABlockGivenBackIsUsedAgainForTheSameSizeAndZeroed) {
  const size_t rows = 2048;  // 8 MiB: a large block
  const void* first = nullptr;
  {
    SlotArray<Row> a(rows);
    first = &a[0];
    for (size_t i = 0; i < rows; ++i) std::memset(&a[i], 0x5a, sizeof(Row));
  }
  const size_t kept = kept_block_bytes();
  EXPECT_GE(kept, rows * sizeof(Row));
  {
    SlotArray<Row> b(rows);
    EXPECT_EQ(&b[0], first);
    EXPECT_EQ(kept_block_bytes(), kept - rows * sizeof(Row));
    for (size_t i = 0; i < rows; i += 97) {
      EXPECT_EQ(b[i].v[0], 0);
      EXPECT_EQ(b[i].v[511], 0);
    }
    // Another size does not take it.
    SlotArray<Row> c(rows + 1024);
    EXPECT_NE(&c[0], first);
  }
}

TEST(LargeArray, NoMoreThanTheCapIsKept) {
  const size_t bytes = size_t(64) << 20;
  std::vector<void*> blocks;
  LargeArrayAllocator<char> alloc;
  for (size_t n = 0; n < kKeptBytes / bytes + 4; ++n) blocks.push_back(alloc.allocate(bytes));
  for (void* p : blocks) alloc.deallocate(static_cast<char*>(p), bytes);
  EXPECT_LE(kept_block_bytes(), kKeptBytes);
  EXPECT_GE(kept_block_bytes(), kKeptBytes - bytes);
  // The newest are kept: the last given back is taken first.
  EXPECT_EQ(take_kept_block(bytes), blocks.back());
  keep_block(blocks.back(), bytes);
  // A block larger than the cap is never kept.
  void* huge = alloc.allocate(kKeptBytes + (size_t(2) << 20));
  const size_t before = kept_block_bytes();
  alloc.deallocate(static_cast<char*>(huge), kKeptBytes + (size_t(2) << 20));
  EXPECT_EQ(kept_block_bytes(), before);
}

}  // namespace
