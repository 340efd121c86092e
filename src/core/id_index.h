// IdIndex<T>: a map from the register's positive integer ids to values. Ids
// of a register are nearly dense (1..N), so when they are it is a plain
// vector, several times faster than a hash map for a million lookups; sparse
// ids fall back to a hash map.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace danso {

template <typename T>
class IdIndex {
 public:
  // `max_id` and `count` decide the representation.
  void reserve(int64_t max_id, size_t count) {
    dense_ = max_id >= 0 && max_id <= int64_t(4 * count + 1024);
    if (dense_) {
      values_.assign(size_t(max_id + 1), std::nullopt);
    } else {
      map_.reserve(count);
    }
  }
  void set(int64_t id, T value) {
    if (dense_ && id >= 0 && id < int64_t(values_.size())) {
      size_ += !values_[size_t(id)].has_value();
      values_[size_t(id)] = std::move(value);
      return;
    }
    if (dense_ && id >= int64_t(values_.size()) && id <= int64_t(2 * values_.size() + 1024)) {  // a little beyond: grow
      values_.resize(size_t(id + 1) + values_.size() / 8);
      size_ += !values_[size_t(id)].has_value();
      values_[size_t(id)] = std::move(value);
      return;
    }
    if (dense_ && id >= int64_t(values_.size())) {  // far beyond the reserved range: move to a map
      for (size_t i = 0; i < values_.size(); ++i)
        if (values_[i]) map_.emplace(int64_t(i), std::move(*values_[i]));
      values_.clear();
      dense_ = false;
    }
    size_ += map_.insert_or_assign(id, std::move(value)).second;
  }
  void erase(int64_t id) {
    if (dense_) {
      if (id >= 0 && id < int64_t(values_.size()) && values_[size_t(id)]) values_[size_t(id)].reset(), --size_;
      return;
    }
    size_ -= map_.erase(id);
  }
  const T* find(int64_t id) const {
    if (dense_) return (id >= 0 && id < int64_t(values_.size()) && values_[size_t(id)]) ? &*values_[size_t(id)] : nullptr;
    auto it = map_.find(id);
    return it == map_.end() ? nullptr : &it->second;
  }
  bool contains(int64_t id) const { return find(id) != nullptr; }
  size_t size() const { return size_; }
  // The memory it holds, about: the vector's capacity, or the map's nodes
  // and buckets.
  size_t memory_bytes() const {
    return values_.capacity() * sizeof(std::optional<T>) + map_.bucket_count() * sizeof(void*) +
           map_.size() * (sizeof(std::pair<const int64_t, T>) + 2 * sizeof(void*));
  }

 private:
  bool dense_ = true;
  size_t size_ = 0;
  std::vector<std::optional<T>> values_;
  std::unordered_map<int64_t, T> map_;
};

}  // namespace danso
