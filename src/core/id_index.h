// IdIndex<T>: a map from the register's positive integer ids to values. Ids
// of a register are nearly dense (1..N), so when they are it is a plain
// vector, several times faster than a hash map for a million lookups; sparse
// ids fall back to a hash map. An IdIndex<int32_t> holds dense indexes
// (never negative): its vector keeps the values themselves, -1 where an id
// has none, four bytes an id instead of an optional's eight (the indicators'
// snapshot holds one for every person of the register).
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace danso {

template <typename T>
class IdIndex {
  static constexpr bool kIndexes = std::is_same_v<T, int32_t>;
  using Slot = std::conditional_t<kIndexes, int32_t, std::optional<T>>;
  static Slot none() {
    if constexpr (kIndexes) return -1;
    else return std::nullopt;
  }
  static bool has(const Slot& s) {
    if constexpr (kIndexes) return s >= 0;
    else return s.has_value();
  }
  static const T& value(const Slot& s) {
    if constexpr (kIndexes) return s;
    else return *s;
  }
  static T take(Slot& s) {
    if constexpr (kIndexes) return s;
    else return std::move(*s);
  }

 public:
  // `max_id` and `count` decide the representation.
  void reserve(int64_t max_id, size_t count) {
    dense_ = max_id >= 0 && max_id <= int64_t(4 * count + 1024);
    if (dense_) {
      values_.assign(size_t(max_id + 1), none());
    } else {
      map_.reserve(count);
    }
  }
  void set(int64_t id, T value) {
    if (dense_ && id >= 0 && id < int64_t(values_.size())) {
      size_ += !has(values_[size_t(id)]);
      values_[size_t(id)] = Slot(std::move(value));
      return;
    }
    if (dense_ && id >= int64_t(values_.size()) && id <= int64_t(2 * values_.size() + 1024)) {  // a little beyond: grow
      values_.resize(size_t(id + 1) + values_.size() / 8, none());
      size_ += !has(values_[size_t(id)]);
      values_[size_t(id)] = Slot(std::move(value));
      return;
    }
    if (dense_ && id >= int64_t(values_.size())) {  // far beyond the reserved range: move to a map
      for (size_t i = 0; i < values_.size(); ++i)
        if (has(values_[i])) map_.emplace(int64_t(i), take(values_[i]));
      values_.clear();
      dense_ = false;
    }
    size_ += map_.insert_or_assign(id, std::move(value)).second;
  }
  void erase(int64_t id) {
    if (dense_) {
      if (id >= 0 && id < int64_t(values_.size()) && has(values_[size_t(id)])) values_[size_t(id)] = none(), --size_;
      return;
    }
    size_ -= map_.erase(id);
  }
  const T* find(int64_t id) const {
    if (dense_)
      return (id >= 0 && id < int64_t(values_.size()) && has(values_[size_t(id)])) ? &value(values_[size_t(id)]) : nullptr;
    auto it = map_.find(id);
    return it == map_.end() ? nullptr : &it->second;
  }
  bool contains(int64_t id) const { return find(id) != nullptr; }
  size_t size() const { return size_; }
  // The memory it holds, about: the vector's capacity, or the map's nodes
  // and buckets.
  size_t memory_bytes() const {
    return values_.capacity() * sizeof(Slot) + map_.bucket_count() * sizeof(void*) +
           map_.size() * (sizeof(std::pair<const int64_t, T>) + 2 * sizeof(void*));
  }

 private:
  bool dense_ = true;
  size_t size_ = 0;
  std::vector<Slot> values_;
  std::unordered_map<int64_t, T> map_;
};

}  // namespace danso
