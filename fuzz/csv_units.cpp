// units.csv (docs/data-formats.md): the rows through formats::parse_unit, and
// back through formats::write_unit.
#include "csv_rows.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso;
  fuzz::parse_rows<OrgUnit>(data, size, formats::unit_columns(), formats::parse_unit, formats::write_unit);
  return 0;
}
