#include "app/export/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace danso {
namespace {

constexpr std::size_t kMaxRows = 1'048'000;  // Excel's limit is 1,048,576 rows in all
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;

Error internal(const std::string& what) {
  return {ErrorCode::kInternal, "", "không ghi được tệp xlsx: " + what, "could not write the xlsx file: " + what};
}

Error library_error(lxw_error e, const std::string& where) {
  std::string why = lxw_strerror(e);
  if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED || e == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE ||
      e == LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED || e == LXW_ERROR_INVALID_SHEETNAME_CHARACTER ||
      e == LXW_ERROR_SHEETNAME_ALREADY_USED || e == LXW_ERROR_SHEETNAME_START_END_APOSTROPHE) {
    return Error::invalid(where, "bảng không ghi được thành xlsx (" + where + "): " + why,
                          "the table cannot be written as xlsx (" + where + "): " + why);
  }
  return internal(where + ": " + why);
}

// Characters shown, counting each UTF-8 sequence once.
std::size_t display_length(const std::string& s) {
  return std::size_t(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::size_t cell_length(const XlsxCell& c) {
  if (c.kind == XlsxCell::Kind::kText) return display_length(c.str);
  if (c.kind == XlsxCell::Kind::kNumber) {
    char buf[32];
    return std::size_t(std::snprintf(buf, sizeof buf, "%.10g", c.num));
  }
  return 0;
}

// A temporary file that is removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "danso-xlsx-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd >= 0) {
      ::close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class SheetWriter {
 public:
  SheetWriter(lxw_workbook* wb, lxw_worksheet* ws, const XlsxSheet& sheet) : wb_(wb), ws_(ws), sheet_(sheet) {
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bottom(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
  }

  lxw_error write() {
    lxw_row_t row = 0;
    for (std::size_t i = 0; i < sheet_.title_lines.size(); ++i, ++row) {
      if (auto e = worksheet_write_string(ws_, row, 0, sheet_.title_lines[i].c_str(), i == 0 ? bold_ : nullptr)) return e;
    }
    if (!sheet_.title_lines.empty()) ++row;
    const lxw_row_t first_header_row = row;
    for (const auto& above : sheet_.header_above) {
      for (std::size_t c = 0; c < above.size(); ++c) {
        if (auto e = worksheet_write_string(ws_, row, lxw_col_t(c), above[c].c_str(), header_)) return e;
      }
      ++row;
    }
    for (std::size_t c = 0; c < sheet_.header.size(); ++c) {
      if (auto e = worksheet_write_string(ws_, row, lxw_col_t(c), sheet_.header[c].c_str(), header_)) return e;
    }
    if (!sheet_.header.empty()) {
      worksheet_freeze_panes(ws_, row + 1, lxw_col_t(sheet_.label_columns));
      ++row;
    }
    for (const XlsxRow& r : sheet_.rows) {
      if (auto e = write_row(row++, r, false)) return e;
    }
    if (sheet_.total) {
      if (auto e = write_row(row++, *sheet_.total, true)) return e;
    }
    if (!sheet_.footer_rows.empty()) ++row;
    for (const XlsxRow& r : sheet_.footer_rows) {
      if (auto e = write_row(row++, r, false)) return e;
    }
    if (sheet_.landscape || sheet_.a4_print) {
      if (sheet_.landscape) worksheet_set_landscape(ws_);
      worksheet_set_paper(ws_, 9);  // A4
      worksheet_fit_to_pages(ws_, 1, 0);
      if (!sheet_.header.empty())
        worksheet_repeat_rows(ws_, first_header_row, lxw_row_t(first_header_row + sheet_.header_above.size()));
      if (sheet_.label_columns > 0) worksheet_repeat_columns(ws_, 0, lxw_col_t(sheet_.label_columns - 1));
    }
    return set_widths();
  }

 private:
  lxw_format* cell_format(std::size_t col, bool total, int decimals = -1) {
    std::string own;
    if (decimals >= 0) own = decimals == 0 ? "#,##0" : "#,##0." + std::string(std::size_t(decimals), '0');
    const std::string* number_format =
        decimals >= 0 ? &own
        : col < sheet_.number_formats.size() && !sheet_.number_formats[col].empty() ? &sheet_.number_formats[col] : nullptr;
    if (!number_format && !total) return nullptr;
    auto key = std::make_pair(number_format ? *number_format : std::string(), total);
    auto it = formats_.find(key);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(wb_);
    if (number_format) format_set_num_format(f, number_format->c_str());
    if (total) {
      format_set_bold(f);
      format_set_top(f, LXW_BORDER_THIN);
    }
    return formats_[key] = f;
  }

  lxw_error write_row(lxw_row_t row, const XlsxRow& cells, bool total) {
    std::size_t width = std::max(cells.size(), total ? sheet_.header.size() : 0);
    for (std::size_t c = 0; c < width; ++c) {
      const XlsxCell blank;
      const XlsxCell& cell = c < cells.size() ? cells[c] : blank;
      lxw_format* f = cell_format(c, total, cell.kind == XlsxCell::Kind::kNumber ? cell.decimals : -1);
      lxw_error e = LXW_NO_ERROR;
      switch (cell.kind) {
        case XlsxCell::Kind::kText: e = worksheet_write_string(ws_, row, lxw_col_t(c), cell.str.c_str(), f); break;
        case XlsxCell::Kind::kNumber: e = worksheet_write_number(ws_, row, lxw_col_t(c), cell.num, f); break;
        case XlsxCell::Kind::kEmpty:
          if (f) e = worksheet_write_blank(ws_, row, lxw_col_t(c), f);
          break;
      }
      if (e) return e;
    }
    return LXW_NO_ERROR;
  }

  lxw_error set_widths() {
    std::vector<std::size_t> widths(sheet_.header.size(), 0);
    auto widen = [&](const XlsxRow& r) {
      if (r.size() > widths.size()) widths.resize(r.size(), 0);
      for (std::size_t c = 0; c < r.size(); ++c) widths[c] = std::max(widths[c], cell_length(r[c]));
    };
    for (std::size_t c = 0; c < sheet_.header.size(); ++c) widths[c] = display_length(sheet_.header[c]);
    for (const auto& above : sheet_.header_above)
      for (std::size_t c = 0; c < above.size() && c < widths.size(); ++c)
        widths[c] = std::max(widths[c], display_length(above[c]));
    for (const XlsxRow& r : sheet_.rows) widen(r);
    if (sheet_.total) widen(*sheet_.total);
    for (std::size_t c = 0; c < widths.size(); ++c) {
      double w = std::clamp(double(widths[c]) + 2, kMinWidth, kMaxWidth);
      if (auto e = worksheet_set_column(ws_, lxw_col_t(c), lxw_col_t(c), w, nullptr)) return e;
    }
    return LXW_NO_ERROR;
  }

  lxw_workbook* wb_;
  lxw_worksheet* ws_;
  const XlsxSheet& sheet_;
  lxw_format* bold_ = nullptr;
  lxw_format* header_ = nullptr;
  std::map<std::pair<std::string, bool>, lxw_format*> formats_;
};

Status check_limits(const XlsxSheet& sheet) {
  std::size_t rows = sheet.title_lines.size() + (sheet.title_lines.empty() ? 0 : 1) + sheet.header_above.size() + 1 +
                     sheet.rows.size() + 1 +
                     sheet.footer_rows.size() + 1;
  if (rows > kMaxRows) {
    return Error::invalid("rows", "bảng có quá nhiều dòng cho một trang xlsx (tối đa 1.048.000)",
                          "the table has too many rows for one xlsx sheet (at most 1,048,000)");
  }
  return {};
}

}  // namespace

Result<std::string> write_xlsx(const std::vector<XlsxSheet>& sheets) {
  if (sheets.empty()) return Error::invalid("sheets", "sổ tính không có trang nào", "the workbook has no sheet");
  for (const XlsxSheet& s : sheets) {
    if (Status st = check_limits(s); !st) return st.error();
  }
  TempFile file;
  if (file.path().empty()) return internal("no temporary file");

  lxw_workbook_options options{};
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(file.path().c_str(), &options);
  if (!wb) return internal("workbook_new");
  lxw_error failed = LXW_NO_ERROR;
  std::string where;
  for (const XlsxSheet& s : sheets) {
    if ((failed = workbook_validate_sheet_name(wb, s.name.c_str()))) {
      where = "sheet name";
      break;
    }
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    if (!ws) {
      failed = LXW_ERROR_MEMORY_MALLOC_FAILED;
      where = "worksheet";
      break;
    }
    if ((failed = SheetWriter(wb, ws, s).write())) {
      where = "cells";
      break;
    }
  }
  // Close in every case: it frees the workbook; on failure its file is dropped.
  lxw_error closed = workbook_close(wb);
  if (failed) return library_error(failed, where);
  if (closed) return library_error(closed, "close");

  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return internal("read back");
  if (bytes.size() < 4 || bytes.compare(0, 2, "PK") != 0) return internal("not a zip file");
  return bytes;
}

Result<std::string> write_xlsx(const XlsxSheet& sheet) { return write_xlsx(std::vector<XlsxSheet>{sheet}); }

}  // namespace danso
