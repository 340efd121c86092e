// A unit's outline as the maps keep it: a GeoJSON geometry (RFC 7946),
// Polygon or MultiPolygon, in longitude/latitude degrees. Checked before it
// is stored: every ring closed, at least four positions, each a pair of
// finite numbers within [-180, 180] x [-90, 90]. The stored text is the
// geometry alone, compact, with its bounding box beside it.
//
//   auto b = boundary_from_geometry(feature["geometry"]);  // Result<UnitBoundary>, unit left unset
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "store/boundary_store.h"

namespace danso {

Result<UnitBoundary> boundary_from_geometry(const nlohmann::json& geometry);

}  // namespace danso
