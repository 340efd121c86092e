// SlotArray: one record per unit slot (UnitCounts, LifeTableCounts), for
// the counting pass. Made without initialising its records, so that each
// worker zeroes the slots it counts (zero()) right before counting them:
// the zeros are written once, by the core that then uses them, while they
// are in its cache, instead of all at once on one thread beforehand. Large
// arrays come from LargeArrayAllocator (huge pages).
//
//   SlotArray<UnitCounts> c(slots, SlotArray<UnitCounts>::kUninitialized);
//   c.zero(lo, hi);   // on the worker that owns [lo, hi)
//   SlotArray<UnitCounts> z(slots);   // every record zeroed
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

#include "analytics/large_array.h"

namespace danso::analytics {

template <typename T>
class SlotArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "records are zeroed and dropped without constructors or destructors");

 public:
  struct Uninitialized {};
  static constexpr Uninitialized kUninitialized{};

  SlotArray() = default;
  explicit SlotArray(size_t n) : SlotArray(n, kUninitialized) { zero(0, n); }
  SlotArray(size_t n, Uninitialized) : data_(n ? LargeArrayAllocator<T>().allocate(n) : nullptr), size_(n) {}
  SlotArray(SlotArray&& o) noexcept : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}
  SlotArray& operator=(SlotArray&& o) noexcept {
    if (this != &o) {
      release();
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  SlotArray(const SlotArray&) = delete;
  SlotArray& operator=(const SlotArray&) = delete;
  ~SlotArray() { release(); }

  // Value-initialises (zeroes) the records [lo, hi).
  void zero(size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) new (data_ + i) T();
  }

  size_t size() const { return size_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  void release() {
    if (data_) LargeArrayAllocator<T>().deallocate(data_, size_);
    data_ = nullptr;
    size_ = 0;
  }
  T* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace danso::analytics
