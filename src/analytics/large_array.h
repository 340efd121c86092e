// LargeArrayAllocator: an allocator for the per-unit count arrays, which
// reach tens of megabytes for a province of ten million (a few kilobytes for
// each of ~11,000 units) and are made afresh for every recompute. Blocks of
// 4 MiB or more are aligned to 2 MiB and advised as transparent huge pages,
// so the kernel maps them in 2 MiB pages instead of faulting them in 4 KiB
// at a time; smaller blocks come from the ordinary heap.
//
// A large block given back is kept for the next block of the same size (up
// to kKeptBytes in all, the oldest let go first): the next recompute makes
// arrays of the same sizes, and a kept block is written again where it is
// instead of being returned to the system and faulted in afresh, zeroed by
// the kernel page by page before the counting zeroes it again.
//
//   std::vector<UnitCounts, LargeArrayAllocator<UnitCounts>> counts(slots);
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace danso::analytics {

// The kept blocks (large_array.cpp): a block of exactly `bytes` if one is
// kept (nullptr if none), and a block given back to keep.
inline constexpr size_t kKeptBytes = size_t(512) << 20;
void* take_kept_block(size_t bytes);
void keep_block(void* p, size_t bytes) noexcept;
// The bytes kept now.
size_t kept_block_bytes();

template <typename T>
struct LargeArrayAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t(2) << 20, kLarge = size_t(4) << 20;

  LargeArrayAllocator() = default;
  template <typename U>
  LargeArrayAllocator(const LargeArrayAllocator<U>&) {}  // NOLINT

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kLarge) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = rounded_bytes(bytes);
    if (void* kept = take_kept_block(rounded)) return static_cast<T*>(kept);
    void* p = std::aligned_alloc(kHuge, rounded);
    if (!p) throw std::bad_alloc();
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure changes nothing
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kLarge) ::operator delete(p);
    else keep_block(p, rounded_bytes(n * sizeof(T)));
  }
  static size_t rounded_bytes(size_t bytes) { return (bytes + kHuge - 1) / kHuge * kHuge; }
  template <typename U>
  bool operator==(const LargeArrayAllocator<U>&) const { return true; }
};

}  // namespace danso::analytics
