// persons.csv (docs/data-formats.md): the rows through formats::parse_person, and
// back through formats::write_person.
#include "csv_rows.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso;
  fuzz::parse_rows<Person>(data, size, formats::person_columns(), formats::parse_person, formats::write_person);
  return 0;
}
