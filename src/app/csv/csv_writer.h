// CsvWriter: writes RFC 4180 CSV, quoting only the fields that need it, with
// "\n" line ends, so exports are stable byte for byte.
#pragma once

#include <ostream>
#include <string_view>
#include <vector>

namespace danso {

class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}
  void row(const std::vector<std::string_view>& fields);

 private:
  std::ostream& out_;
};

}  // namespace danso
