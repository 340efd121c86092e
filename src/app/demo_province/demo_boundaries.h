// Outlines for the demo province's units, generated from the seed: the
// province a lobed shape on a grid, each unit's area split among its
// children by growing regions from spread seeds (a few rounds of moving
// each seed to its region's centre), so that the children of a unit tile it
// exactly, every region is in one piece, and the shared corners of the grid
// are moved by a deterministic jitter so that borders look drawn. The
// places are made up (no real place is meant); about 36 grid cells a
// village. Same units and seed, same outlines.
//
//   auto outlines = demo::demo_boundaries(batch.units, seed);  // one UnitBoundary a unit
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/unit.h"
#include "store/boundary_store.h"

namespace danso::demo {

std::vector<UnitBoundary> demo_boundaries(std::span<const OrgUnit> units, uint64_t seed);

}  // namespace danso::demo
