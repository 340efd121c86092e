// BoundaryStore: each unit's outline for the maps, a GeoJSON geometry
// (Polygon or MultiPolygon, longitude/latitude) with its bounding box,
// imported from a boundaries file (app/import/import_boundaries.cpp) or
// generated for the demo province (app/demo_province/demo_boundaries.h).
// One area of the Store (store.h); SQL only in the adapters.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"

namespace danso {

struct UnitBoundary {
  UnitId unit;
  std::string geometry;  // GeoJSON geometry object as JSON text, checked before it is stored
  double west = 0, south = 0, east = 0, north = 0;  // bounding box, degrees
  std::string source;     // the file's name, or "demo" for a generated outline
  std::string updated_at;  // ISO instant
};

class BoundaryStore {
 public:
  virtual ~BoundaryStore() = default;
  // Writes each unit's outline, replacing the one stored before.
  virtual Status upsert_boundaries(std::span<const UnitBoundary> rows) = 0;
  // The outlines of those of `units` that have one, by unit id.
  virtual std::vector<UnitBoundary> boundaries_of(std::span<const UnitId> units) = 0;
};

}  // namespace danso
