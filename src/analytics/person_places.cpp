#include "analytics/person_places.h"

#include <algorithm>

namespace danso::analytics {

PersonPlaces PersonPlaces::of(const RegisterSnapshot& s) {
  PersonPlaces out;
  out.one_.assign(s.person_id.size(), kNone);
  const size_t slots = s.slot_unit.size();
  for (size_t k = 0; k < slots; ++k) {
    const auto slot = int32_t(k);
    for (uint32_t i = s.slot_spells[k]; i < s.slot_spells[k + 1]; ++i) out.add(s.spells[i].person, slot);
    for (uint32_t i = s.slot_events[k]; i < s.slot_events[k + 1]; ++i) {
      out.add(s.events[i].person, slot);
      out.add(s.events[i].related, slot);
    }
  }
  return out;
}

void PersonPlaces::add(int32_t p, int32_t slot) {
  if (p < 0 || slot < 0) return;
  if (size_t(p) >= one_.size()) one_.resize(size_t(p) + 1, kNone);
  int32_t& v = one_[size_t(p)];
  if (v == kNone) {
    v = slot;
  } else if (v >= 0) {
    if (v == slot) return;
    several_[p] = {v, slot};
    v = kSeveral;
  } else {
    auto& list = several_[p];
    if (std::find(list.begin(), list.end(), slot) == list.end()) list.push_back(slot);
  }
}

void PersonPlaces::clear(int32_t p) {
  if (p < 0 || size_t(p) >= one_.size()) return;
  if (one_[size_t(p)] == kSeveral) several_.erase(p);
  one_[size_t(p)] = kNone;
}

}  // namespace danso::analytics
