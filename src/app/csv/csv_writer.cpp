#include "app/csv/csv_writer.h"

namespace danso {

void CsvWriter::row(const std::vector<std::string_view>& fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out_.put(',');
    first = false;
    if (f.find_first_of(",\"\r\n") == std::string_view::npos && (f.empty() || (f.front() != ' ' && f.back() != ' '))) {
      out_.write(f.data(), std::streamsize(f.size()));
      continue;
    }
    out_.put('"');
    for (char c : f) {
      if (c == '"') out_.put('"');
      out_.put(c);
    }
    out_.put('"');
  }
  out_.put('\n');
}

}  // namespace danso
