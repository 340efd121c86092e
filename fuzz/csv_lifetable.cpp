// A life table's input file (danso lifetable, docs/cli.md): ages, widths,
// deaths and population or rates, through app/demography_io.
#include <cstdint>
#include <string>

#include "app/demography_io/lifetable_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso;
  auto table = life_table_from_csv_text("fuzz.csv", std::string(reinterpret_cast<const char*>(data), size), {});
  if (table) {
    (void)life_table_json(*table).dump();
    (void)life_table_csv(*table);
    (void)life_table_text(*table);
  }
  return 0;
}
