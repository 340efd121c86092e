#include "app/csv/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace danso {

std::string_view CsvRow::get(std::string_view column) const {
  // A header has a dozen columns: a linear scan beats hashing the name.
  const auto& h = *header_;
  for (size_t i = 0; i < h.size(); ++i)
    if (h[i] == column) return i < fields_.size() ? trim(fields_[i]) : std::string_view();
  return {};
}

bool CsvRow::has_column(std::string_view column) const {
  for (const auto& h : *header_)
    if (h == column) return true;
  return false;
}

std::optional<Utf8Problem> find_invalid_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::nullopt;
  // Find the first bad sequence by checking line by line.
  size_t line = 1, start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (!is_valid_utf8(text.substr(start, end - start))) {
      size_t off = start;
      for (size_t i = start; i < end; ++i) {
        if (!is_valid_utf8(text.substr(start, i + 1 - start)) &&
            !is_valid_utf8(text.substr(start, std::min(end, i + 4) - start))) {
          off = i;
          break;
        }
      }
      return Utf8Problem{line, off};
    }
    ++line;
    start = end + 1;
  }
  return Utf8Problem{line, 0};
}

namespace {

// libcsv delivers fields and row ends through callbacks; this collects one
// row's fields into a reusable buffer.
struct Collector {
  std::string buffer;
  std::vector<std::pair<size_t, size_t>> spans;
  std::function<void()> on_row;
};

void on_field(void* data, size_t len, void* self) {
  auto* c = static_cast<Collector*>(self);
  c->spans.emplace_back(c->buffer.size(), len);
  c->buffer.append(static_cast<const char*>(data), len);
}

void on_row_end(int, void* self) {
  auto* c = static_cast<Collector*>(self);
  c->on_row();
  c->buffer.clear();
  c->spans.clear();
}

Status parse(std::string_view name, std::string_view text, const std::function<void(Collector&)>& row_fn) {
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
    return Error{ErrorCode::kInternal, "", "không khởi tạo được bộ đọc CSV", "cannot start the CSV parser"};
  Collector c;
  c.on_row = [&] { row_fn(c); };
  size_t done = csv_parse(&p, text.data(), text.size(), on_field, on_row_end, &c);
  int err = csv_error(&p);
  if (done == text.size()) {
    if (csv_fini(&p, on_field, on_row_end, &c) != 0) err = csv_error(&p);
    else err = 0;
  }
  csv_free(&p);
  if (err != 0) {
    size_t line = 1;
    for (size_t i = 0; i < std::min(done, text.size()); ++i) line += text[i] == '\n';
    return Error::invalid("", std::string(name) + ": CSV sai cấu trúc gần dòng " + std::to_string(line) +
                                  " (" + csv_strerror(err) + ")",
                          std::string(name) + ": malformed CSV near line " + std::to_string(line) +
                              " (" + csv_strerror(err) + ")");
  }
  return {};
}

}  // namespace

Result<CsvReader> CsvReader::open(const std::string& path, const std::vector<std::string>& required,
                                  const std::vector<std::string>& optional) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error::not_found("file", "không mở được tệp '" + path + "'", "cannot open file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return from_text(path, std::move(ss).str(), required, optional);
}

Result<CsvReader> CsvReader::from_text(std::string name, std::string text,
                                       const std::vector<std::string>& required,
                                       const std::vector<std::string>& optional) {
  CsvReader r;
  r.name_ = std::move(name);
  r.text_ = std::move(text);
  if (r.text_.size() >= 3 && r.text_.compare(0, 3, "\xEF\xBB\xBF") == 0) r.text_.erase(0, 3);
  if (auto bad = find_invalid_utf8(r.text_))
    return Error::invalid("", r.name_ + ": tệp không phải UTF-8 (byte lỗi ở dòng " + std::to_string(bad->line) +
                                  "); hãy lưu lại tệp với mã hóa UTF-8",
                          r.name_ + ": the file is not UTF-8 (bad byte on line " + std::to_string(bad->line) +
                              "); save it again with UTF-8 encoding");
  // Header: the first line (column names never contain newlines).
  size_t eol = r.text_.find('\n');
  r.header_end_ = eol == std::string::npos ? r.text_.size() : eol + 1;
  std::vector<std::string> header;
  Status st = parse(r.name_, std::string_view(r.text_).substr(0, r.header_end_), [&](Collector& c) {
    for (auto [off, len] : c.spans) header.emplace_back(trim(std::string_view(c.buffer).substr(off, len)));
  });
  if (!st) return st.error();
  if (header.empty())
    return Error::invalid("", r.name_ + ": tệp rỗng, thiếu dòng tiêu đề", r.name_ + ": empty file, no header row");
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string& h = header[i];
    bool known = false;
    for (const auto& c : required) known = known || c == h;
    for (const auto& c : optional) known = known || c == h;
    if (!known)
      return Error::invalid(h, r.name_ + ": cột không được hỗ trợ '" + h + "'",
                            r.name_ + ": unsupported column '" + h + "'");
    bool repeated = false;
    for (size_t k = 0; k < i; ++k) repeated = repeated || header[k] == h;
    if (repeated)
      return Error::invalid(h, r.name_ + ": cột '" + h + "' lặp lại", r.name_ + ": column '" + h + "' repeated");
  }
  std::string missing;
  for (const auto& c : required)
    if (std::find(header.begin(), header.end(), c) == header.end()) missing += (missing.empty() ? "" : ", ") + c;
  if (!missing.empty())
    return Error::invalid(missing, r.name_ + ": thiếu cột bắt buộc: " + missing,
                          r.name_ + ": missing required columns: " + missing);
  r.header_ = std::move(header);
  return r;
}

Status CsvReader::for_each(const std::function<void(const CsvRow&)>& fn) {
  CsvRow row;
  row.header_ = &header_;
  row.row = 1;
  return parse(name_, std::string_view(text_).substr(header_end_), [&](Collector& c) {
    ++row.row;
    row.fields_.clear();
    for (auto [off, len] : c.spans) row.fields_.emplace_back(std::string_view(c.buffer).substr(off, len));
    if (row.fields_.size() == 1 && row.fields_[0].empty()) return;  // blank line
    fn(row);
  });
}

}  // namespace danso
