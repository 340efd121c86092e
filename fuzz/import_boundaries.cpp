// A GeoJSON file of unit boundaries (a FeatureCollection or a Feature)
// through its importer (app/import/import_boundaries.cpp): codes read on
// 2025-07-01, geometry checked by app/boundaries/geometry.h.
#include "import_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  danso::fuzz::ImportJson::get().run(data, size, danso::ImportKind::kBoundaries, "2025-07-01");
  return 0;
}
