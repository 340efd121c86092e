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

std::optional<Error> CsvRow::shape_error() const {
  const size_t fields = field_count(), columns = column_count();
  if (fields == columns) return std::nullopt;
  const std::string counts_vi =
      "dòng có " + std::to_string(fields) + " trường nhưng dòng tiêu đề có " + std::to_string(columns) + " cột";
  const std::string counts_en =
      "the row has " + std::to_string(fields) + " fields but the header has " + std::to_string(columns) + " columns";
  if (fields > columns)
    return Error::invalid("", counts_vi + " (thừa trường: dấu phẩy ngoài dấu ngoặc kép?)",
                          counts_en + " (extra fields: a comma outside quotes?)");
  return Error::invalid("", counts_vi + " (thiếu trường)", counts_en + " (fields missing)");
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
// row's fields into a reusable buffer. libcsv is told to report every CR
// and LF outside quotes (CSV_REPALL_NL), so that a CR is a line end only as
// the first half of a CRLF: a CR followed by anything else is a stray one,
// and the whole file is refused rather than the row cut in two there.
struct Collector {
  std::string buffer;
  std::vector<std::pair<size_t, size_t>> spans;
  std::function<void()> on_row;
  size_t rows = 0;                   // rows ended so far (a blank line is one, a CRLF ends one)
  bool after_cr = false;             // the last row ended at a CR: only an LF may follow
  std::optional<size_t> stray_cr;    // the index of the row a stray CR ended
  void stray() { stray_cr = rows - 1; }
};

void on_field(void* data, size_t len, void* self) {
  auto* c = static_cast<Collector*>(self);
  if (c->stray_cr) return;
  if (c->after_cr) return c->stray();  // a field after a lone CR
  c->spans.emplace_back(c->buffer.size(), len);
  c->buffer.append(static_cast<const char*>(data), len);
}

void on_row_end(int ch, void* self) {
  auto* c = static_cast<Collector*>(self);
  if (c->stray_cr) return;
  if (c->after_cr) {
    c->after_cr = false;
    if (ch == '\n') return;  // the LF of a CRLF
    return c->stray();
  }
  c->on_row();
  ++c->rows;
  c->buffer.clear();
  c->spans.clear();
  c->after_cr = ch == '\r';
}

// Parses `text`, whose first row is the spreadsheet's row `first_row`;
// `row_fn` gets each row's fields with its number.
Status parse(std::string_view name, std::string_view text, size_t first_row,
             const std::function<void(Collector&, size_t row)>& row_fn) {
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
    return Error{ErrorCode::kInternal, "", "không khởi tạo được bộ đọc CSV", "cannot start the CSV parser"};
  Collector c;
  c.on_row = [&] { row_fn(c, first_row + c.rows); };
  size_t done = csv_parse(&p, text.data(), text.size(), on_field, on_row_end, &c);
  int err = csv_error(&p);
  if (done == text.size()) {
    if (csv_fini(&p, on_field, on_row_end, &c) != 0) err = csv_error(&p);
    else err = 0;
  }
  csv_free(&p);
  if (c.after_cr && !c.stray_cr) c.stray();  // a CR ends the text
  if (c.stray_cr) {
    const std::string row = std::to_string(first_row + *c.stray_cr);
    return Error::invalid("", std::string(name) + ": dòng " + row +
                                  " có ký tự CR (\\r) lẻ ngoài dấu ngoặc kép; dòng chỉ được kết thúc bằng CRLF hoặc "
                                  "LF (hãy lưu lại tệp dạng CSV UTF-8)",
                          std::string(name) + ": row " + row +
                              " holds a stray CR (\\r) outside quotes; rows end only with CRLF or LF (save the "
                              "file again as CSV UTF-8)");
  }
  if (err != 0) {
    const std::string row = std::to_string(first_row + c.rows);
    return Error::invalid("", std::string(name) + ": CSV sai cấu trúc ở dòng " + row + " (" + csv_strerror(err) + ")",
                          std::string(name) + ": malformed CSV at row " + row + " (" + csv_strerror(err) + ")");
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
  Status st = parse(r.name_, std::string_view(r.text_).substr(0, r.header_end_), 1, [&](Collector& c, size_t) {
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
  return parse(name_, std::string_view(text_).substr(header_end_), 2, [&](Collector& c, size_t number) {
    row.row = number;
    row.fields_.clear();
    for (auto [off, len] : c.spans) row.fields_.emplace_back(std::string_view(c.buffer).substr(off, len));
    if (row.fields_.empty() || (row.fields_.size() == 1 && row.fields_[0].empty())) return;  // blank line
    fn(row);
  });
}

}  // namespace danso
