// FieldReader: typed access to the columns of one CSV row. Each getter checks
// the value and records a RowIssue (file, row, column, value, reason) when it
// is missing or malformed, so one pass over a row reports all its problems.
// A row without exactly one field per column of the header is one issue
// naming the row (and nothing else is reported for it). Text is checked by
// core/text.h check_text_field: the one rule for files and forms alike.
#pragma once

#include <optional>
#include <string>

#include "app/csv/csv_reader.h"
#include "app/formats/row_issues.h"
#include "core/date.h"
#include "core/enum_codec.h"

namespace danso {

class FieldReader {
 public:
  FieldReader(const CsvRow& row, RowIssues& issues);

  size_t row() const { return row_.row; }
  bool ok() const { return ok_; }
  std::string_view raw(std::string_view col) const { return row_.get(col); }
  void fail(std::string_view col, std::string vi, std::string en);
  void fail(const Error& e);

  // Text, normalised to NFC; a control character or invalid UTF-8 is an
  // issue naming the column (and the text is then empty).
  std::string text(std::string_view col, bool required);
  int64_t id(std::string_view col, bool required);  // positive integer; 0 when empty
  std::optional<int64_t> integer(std::string_view col, bool required, int64_t min, int64_t max);
  std::optional<Date> date(std::string_view col, bool required);
  bool flag(std::string_view col);  // 0/1, empty = 0

  template <typename E, size_t N>
  std::optional<E> choice(const EnumCodec<E, N>& codec, std::string_view col, bool required) {
    std::string_view v = row_.get(col);
    if (v.empty()) {
      if (required) missing(col);
      return std::nullopt;
    }
    auto r = codec.parse(v, col);
    if (!r) {
      fail(r.error());
      return std::nullopt;
    }
    return *r;
  }

 private:
  void missing(std::string_view col);
  const CsvRow& row_;
  RowIssues& issues_;
  bool ok_ = true;
  bool shape_ok_ = true;  // one field per column
};

}  // namespace danso
