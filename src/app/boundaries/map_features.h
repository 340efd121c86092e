// The outlines of a list of units as a GeoJSON FeatureCollection, for the
// maps: one Feature per unit that has a stored outline, its id and
// properties.code the unit's code, properties.name and properties.kind;
// the collection's bbox spans them. Units without an outline are named in
// `missing` (codes), so a map can say what it cannot draw.
//
// The stored geometry text is copied as it is, not parsed again.
//
//   std::string fc = boundaries_feature_collection(db, children);  // JSON text
#pragma once

#include <span>

#include <string>

#include "app/database.h"
#include "core/unit.h"

namespace danso {

std::string boundaries_feature_collection(Database& db, std::span<const OrgUnit> units);

}  // namespace danso
