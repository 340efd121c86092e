// The national unit list (JSON: provinces > District > Ward, or provinces >
// Wards) through its importer (app/import/import_unit_list.cpp).
#include "import_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  danso::fuzz::ImportJson::get().run(data, size, danso::ImportKind::kUnits, "2025-07-01");
  return 0;
}
