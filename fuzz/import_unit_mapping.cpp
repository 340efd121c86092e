// The reform's old-to-new unit mapping (JSON: data > level1_id, level2s >
// merges) through its importer (app/import/import_unit_mapping.cpp).
#include "import_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  danso::fuzz::ImportJson::get().run(data, size, danso::ImportKind::kUnitMapping, "2025-07-01");
  return 0;
}
