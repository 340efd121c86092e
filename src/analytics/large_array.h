// LargeArrayAllocator: an allocator for the per-unit count arrays, which
// reach tens of megabytes for a province of ten million (a few kilobytes for
// each of ~11,000 units) and are made afresh for every recompute. Blocks of
// 4 MiB or more are aligned to 2 MiB and advised as transparent huge pages,
// so the kernel maps them in 2 MiB pages instead of faulting them in 4 KiB
// at a time; smaller blocks come from the ordinary heap.
//
//   std::vector<UnitCounts, LargeArrayAllocator<UnitCounts>> counts(slots);
#pragma once

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace danso::analytics {

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
    const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (!p) throw std::bad_alloc();
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure changes nothing
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kLarge) ::operator delete(p);
    else std::free(p);
  }
  template <typename U>
  bool operator==(const LargeArrayAllocator<U>&) const { return true; }
};

}  // namespace danso::analytics
