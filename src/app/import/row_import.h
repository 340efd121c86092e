// The shape every CSV importer shares: read and parse the rows, check them,
// then write the good ones in one transaction and report.
#pragma once

#include <functional>
#include <unordered_map>
#include <vector>

#include "app/csv/csv_reader.h"
#include "app/formats/formats.h"
#include "app/import/import_context.h"

namespace danso::import_detail {

template <typename T>
struct ParsedRows {
  std::vector<T> records;
  std::vector<size_t> rows;  // spreadsheet row of each record
};

// Reads and parses every row; with `on_chunk`, also hands each run of
// `chunk_size` parsed records (a copy) to it as soon as they are read.
template <typename T, typename ParseFn>
Result<ParsedRows<T>> read_rows(Run& run, const formats::Columns& columns, ParseFn parse,
                                const std::function<void(std::vector<T>)>& on_chunk = {},
                                size_t chunk_size = 50000) {
  auto reader = CsvReader::from_text(run.options.file, run.take_text(), columns.required, columns.optional());
  if (!reader) return reader.error();
  ParsedRows<T> out;
  size_t handed = 0;
  const size_t approx_rows = reader->bytes() / 60 + 1;
  Status st = reader->for_each([&](const CsvRow& row) {
    ++run.report.rows;
    FieldReader f(row, run.issues);
    if (auto rec = parse(f)) {
      out.records.push_back(std::move(*rec));
      out.rows.push_back(row.row);
    }
    if (on_chunk && out.records.size() - handed >= chunk_size) {
      on_chunk(std::vector<T>(out.records.begin() + std::ptrdiff_t(handed), out.records.end()));
      handed = out.records.size();
    }
    if (run.report.rows % 100000 == 0) run.progress("đọc / reading", run.report.rows, approx_rows);
  });
  if (!st) return st.error();
  if (on_chunk && out.records.size() > handed)
    on_chunk(std::vector<T>(out.records.begin() + std::ptrdiff_t(handed), out.records.end()));
  return out;
}

// Flags a second row with the same key.
template <typename T, typename KeyFn>
void check_duplicates(Run& run, const ParsedRows<T>& parsed, const char* column, KeyFn key) {
  std::unordered_map<int64_t, size_t> first;
  first.reserve(parsed.records.size());
  for (size_t i = 0; i < parsed.records.size(); ++i) {
    auto [it, fresh] = first.emplace(key(parsed.records[i]), parsed.rows[i]);
    if (!fresh)
      run.issues.add(parsed.rows[i], column, std::to_string(key(parsed.records[i])),
                     "trùng mã với dòng " + std::to_string(it->second),
                     "duplicate id, also on row " + std::to_string(it->second));
  }
}

// Keeps the records whose rows have no issue.
template <typename T>
std::vector<T> good_records(const Run& run, const ParsedRows<T>& parsed) {
  std::vector<T> out;
  out.reserve(parsed.records.size());
  for (size_t i = 0; i < parsed.records.size(); ++i)
    if (!run.issues.row_has_issue(parsed.rows[i])) out.push_back(parsed.records[i]);
  return out;
}

// Commits `write` in one transaction when allowed, and fills the report.
Result<ImportReport> finish(Run& run, const std::function<Status()>& write);

}  // namespace danso::import_detail
