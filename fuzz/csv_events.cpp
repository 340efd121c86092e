// events.csv (docs/data-formats.md): the rows through formats::parse_event, and
// back through formats::write_event.
#include "csv_rows.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso;
  fuzz::parse_rows<VitalEvent>(data, size, formats::event_columns(), formats::parse_event, formats::write_event);
  return 0;
}
