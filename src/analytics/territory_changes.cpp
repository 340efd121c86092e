#include "analytics/territory_changes.h"

#include <algorithm>

#include "analytics/base_counts.h"

namespace danso::analytics {

std::vector<std::vector<const UnitLink*>> partial_changes(const RegisterSnapshot& snap, const Period& period) {
  std::vector<std::vector<const UnitLink*>> out(snap.slot_unit.size());
  for (const UnitLink& l : snap.tree.links()) {
    if (l.type != UnitLinkType::kPartial || !(period.first < l.effective && l.effective <= period.last)) continue;
    for (UnitId end : {l.from, l.to}) {
      int guard = 0;
      for (int32_t slot = snap.slot_of(end); slot >= 0 && guard < 64; slot = rollup_parent(snap, slot, period.last), ++guard) {
        auto& v = out[size_t(slot)];
        if (std::find(v.begin(), v.end(), &l) == v.end()) v.push_back(&l);
      }
    }
  }
  return out;
}

}  // namespace danso::analytics
