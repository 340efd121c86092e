// The villages each person of a RegisterSnapshot has records in: the slots
// of their residence spells and of the events naming them (as the person or
// the related person). An update in place (snapshot_update.h) reads there
// which villages it touches, instead of walking every spell and event of
// the register: the cost of a slip then follows the size of its group, not
// of the register.
//
// It holds at least those villages (an update recomputes the group's and
// leaves the others': a village that no longer holds a person's record
// costs a look, never a wrong answer). 4 bytes a person, and a small list
// for those with records in several villages; kept by the server beside its
// snapshot, not in the snapshot itself.
//
//   PersonPlaces places = PersonPlaces::of(snap);
//   places.each(p, [&](int32_t slot) { ... });
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "analytics/register_snapshot.h"

namespace danso::analytics {

class PersonPlaces {
 public:
  // Every person's villages, from the snapshot's spells and events.
  static PersonPlaces of(const RegisterSnapshot& s);

  // Adds `slot` to person p's villages (p may be new).
  void add(int32_t p, int32_t slot);
  // Forgets person p's villages (before adding them again).
  void clear(int32_t p);
  // Calls fn(slot) for each of person p's villages, once each.
  template <typename Fn>
  void each(int32_t p, Fn fn) const {
    if (p < 0 || size_t(p) >= one_.size()) return;
    const int32_t v = one_[size_t(p)];
    if (v >= 0) {
      fn(v);
    } else if (v == kSeveral) {
      for (int32_t slot : several_.at(p)) fn(slot);
    }
  }
  size_t persons() const { return one_.size(); }
  size_t several() const { return several_.size(); }  // persons with records in more than one village

 private:
  static constexpr int32_t kNone = -1, kSeveral = -2;
  std::vector<int32_t> one_;  // person -> their one village's slot, kNone, or kSeveral
  std::unordered_map<int32_t, std::vector<int32_t>> several_;
};

}  // namespace danso::analytics
