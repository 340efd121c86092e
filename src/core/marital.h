// Marriages as the register's events make and end them, in date order: a
// marriage makes the two spouses of each other, a divorce ends it, and a
// death ends the marriage of the spouse who survives (a widow or widower is
// not married from that day). The one place this rule is kept: the figures
// (analytics/register_snapshot.cpp) and a person's status on the register's
// pages (core/person_status.h) both follow it.
//
//   SpouseBook<int64_t> book;
//   book.marry(a, b);
//   if (auto w = book.death(a)) ...   // *w == b: b is widowed on the death's date
#pragma once

#include <optional>
#include <unordered_map>

namespace danso {

template <typename Key>
class SpouseBook {
 public:
  void marry(Key a, Key b) { spouse_[a] = b, spouse_[b] = a; }
  // `b`: the other spouse named by the divorce, when named.
  void divorce(Key a, std::optional<Key> b) {
    spouse_.erase(a);
    if (b) spouse_.erase(*b);
  }
  // The spouse whose marriage the death of `dead` ends (widowed that day),
  // when the two were married to each other.
  std::optional<Key> death(Key dead) {
    const auto it = spouse_.find(dead);
    if (it == spouse_.end()) return std::nullopt;
    const Key survivor = it->second;
    spouse_.erase(it);
    const auto back = spouse_.find(survivor);
    if (back == spouse_.end() || back->second != dead) return std::nullopt;
    spouse_.erase(back);
    return survivor;
  }
  std::optional<Key> spouse_of(Key a) const {
    const auto it = spouse_.find(a);
    return it == spouse_.end() ? std::nullopt : std::optional<Key>(it->second);
  }

 private:
  std::unordered_map<Key, Key> spouse_;
};

}  // namespace danso
