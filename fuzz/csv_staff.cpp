// staff.csv (docs/data-formats.md): the rows through formats::parse_staff, and
// back through formats::write_staff.
#include "csv_rows.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso;
  fuzz::parse_rows<StaffAssignment>(data, size, formats::staff_columns(), formats::parse_staff, formats::write_staff);
  return 0;
}
