// households.csv (docs/data-formats.md): the rows through formats::parse_household, and
// back through formats::write_household.
#include "csv_rows.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso;
  fuzz::parse_rows<Household>(data, size, formats::household_columns(), formats::parse_household, formats::write_household);
  return 0;
}
