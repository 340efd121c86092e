// Territory changes that break comparability: a unit that lost or gained
// part of its area (a partial split or transfer, UnitLinkType::kPartial)
// inside a period covers different ground before and after the change, so
// its figures for the period, and those of every unit it rolls up into, are
// flagged "not_comparable". A unit merged in full rolls up into its
// successor and stays comparable.
//
//   auto changes = partial_changes(snap, period);   // per slot
//   if (!changes[slot].empty()) ...                  // flag the unit
#pragma once

#include <vector>

#include "analytics/register_snapshot.h"
#include "core/period.h"

namespace danso::analytics {

// For every unit slot, the partial links taking effect after the period's
// first day and on or before its last that touch the unit or a unit rolling
// up into it on the period's last day.
std::vector<std::vector<const UnitLink*>> partial_changes(const RegisterSnapshot& snap, const Period& period);

}  // namespace danso::analytics
