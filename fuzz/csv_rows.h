// The rows of one CSV file through a format's parser, as an import reads
// them (app/csv, app/formats); the fuzzer's bytes are the whole file. Every
// record parsed must write back to cells that parse to the same record
// (export then import round-trips exactly): the target aborts otherwise.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "app/csv/csv_reader.h"
#include "app/csv/csv_writer.h"
#include "app/formats/formats.h"

namespace danso::fuzz {

template <typename T>
using ParseFn = std::optional<T> (*)(FieldReader&);
template <typename T>
using WriteFn = std::vector<std::string> (*)(const T&);

// The record of a one-row file of `cells` under every column, or nullopt.
template <typename T>
std::optional<T> parse_one(const formats::Columns& columns, const std::vector<std::string>& cells, ParseFn<T> parse) {
  std::ostringstream text;
  CsvWriter w(text);
  w.row(std::vector<std::string_view>(columns.all.begin(), columns.all.end()));
  w.row(std::vector<std::string_view>(cells.begin(), cells.end()));
  auto reader = CsvReader::from_text("again.csv", text.str(), columns.required, columns.optional());
  if (!reader) return std::nullopt;
  RowIssues issues("again.csv");
  std::optional<T> out;
  (void)reader->for_each([&](const CsvRow& row) {
    FieldReader f(row, issues);
    out = parse(f);
  });
  return out;
}

template <typename T>
void parse_rows(const uint8_t* data, size_t size, const formats::Columns& columns, ParseFn<T> parse, WriteFn<T> write) {
  auto reader = CsvReader::from_text("fuzz.csv", std::string(reinterpret_cast<const char*>(data), size),
                                     columns.required, columns.optional());
  if (!reader) return;
  RowIssues issues("fuzz.csv");
  (void)reader->for_each([&](const CsvRow& row) {
    FieldReader f(row, issues);
    const std::optional<T> record = parse(f);
    if (!record) return;
    const std::vector<std::string> cells = write(*record);
    const std::optional<T> again = parse_one(columns, cells, parse);
    if (!again || write(*again) != cells) {
      std::fprintf(stderr, "row %zu does not round-trip through its writer\n", row.row);
      std::abort();
    }
  });
  for (const RowIssue& i : issues.all()) (void)format_issue(i);
}

}  // namespace danso::fuzz
