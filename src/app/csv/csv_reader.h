// CsvReader: reads an RFC 4180 CSV file (libcsv) whose first row names the
// columns. The whole file must be UTF-8 (a UTF-8 byte-order mark is
// skipped); another encoding is refused before any row is read. Rows end
// with CRLF or LF; a CR outside quotes that is not followed by LF is refused
// (the file, naming the row) rather than taken as the end of a row. Rows are
// numbered as a spreadsheet shows them: the header is row 1, a blank line is
// a row (and skipped). A row's fields are delivered as they are; whether it
// has one per column is for the reader of the row to check (FieldReader
// refuses a row with more or fewer, naming it).
//
//   auto r = CsvReader::open("persons.csv", {"id", "name"}, {"citizen_id"});
//   r->for_each([&](const CsvRow& row) { auto name = row.get("name"); ... });
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace danso {

class CsvRow {
 public:
  size_t row = 0;  // spreadsheet row number (header = 1)
  // The value of a column (trimmed), empty when the column is absent.
  std::string_view get(std::string_view column) const;
  bool has_column(std::string_view column) const;
  // The fields the row has, and the columns of the header (a well-formed
  // row has as many of one as of the other; FieldReader refuses any other).
  size_t field_count() const { return fields_.size(); }
  size_t column_count() const { return header_->size(); }
  // Why the row is not one field per column (field empty), or nullopt.
  std::optional<Error> shape_error() const;

 private:
  friend class CsvReader;
  const std::vector<std::string>* header_ = nullptr;
  std::vector<std::string_view> fields_;
};

class CsvReader {
 public:
  // Reads the file and checks its header: every `required` column must be
  // present; a column that is neither required nor in `optional` is refused.
  static Result<CsvReader> open(const std::string& path, const std::vector<std::string>& required,
                                const std::vector<std::string>& optional);
  // Same, over text already in memory (`name` is used in messages).
  static Result<CsvReader> from_text(std::string name, std::string text,
                                     const std::vector<std::string>& required,
                                     const std::vector<std::string>& optional);

  const std::string& name() const { return name_; }
  size_t bytes() const { return text_.size(); }
  // Calls `fn` for every data row; a malformed CSV structure is an error.
  Status for_each(const std::function<void(const CsvRow&)>& fn);

 private:
  CsvReader() = default;
  std::string name_;
  std::string text_;
  size_t header_end_ = 0;
  std::vector<std::string> header_;
};

// The first invalid byte of a text that should be UTF-8: line and byte offset.
struct Utf8Problem {
  size_t line = 0;
  size_t offset = 0;
};
std::optional<Utf8Problem> find_invalid_utf8(std::string_view text);

}  // namespace danso
