// Xlsx: writes tables as an Excel workbook (.xlsx) in memory, on
// libxlsxwriter. One XlsxSheet is one worksheet laid out top to bottom as
//
//   title lines   (optional; the first in bold, the others plain)
//   blank row     (only when there are title lines)
//   header row    (bold, bottom border, frozen so it stays on screen)
//   rows          (each cell text, a number, or empty)
//   total row     (optional; bold, top border)
//   blank row, footer rows (optional; plain, e.g. the signatures under a
//                 payment list; they do not set column widths)
//
// Columns are as wide as their longest header or cell (in characters,
// clamped to 8..60). Numbers are real numeric cells (Excel can sum them),
// shown with the format of their column if one is given, else "General".
//
//   XlsxSheet s;
//   s.name = "Hộ";
//   s.header = {"Mã hộ", "Số người"};
//   s.rows.push_back({XlsxCell::text("H001"), XlsxCell::number(4)});
//   Result<std::string> bytes = write_xlsx(s);   // the .xlsx file's bytes
//
// The workbook is built in a private temporary file and read back whole, and
// that file is removed in every case: the caller gets either all the bytes
// or an error (kInvalidArgument for a sheet that breaks a limit of the
// format, kInternal for I/O), never a half-written file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace danso {

struct XlsxCell {
  enum class Kind { kEmpty, kText, kNumber };
  Kind kind = Kind::kEmpty;
  std::string str;  // kText
  double num = 0;   // kNumber
  // kNumber: shown with this many decimals ("#,##0.0" in the sheet, "6.7"
  // in CSV) rather than with its column's format; -1 for that.
  int decimals = -1;

  static XlsxCell empty() { return {}; }
  static XlsxCell text(std::string s) { return {Kind::kText, std::move(s), 0, -1}; }
  static XlsxCell number(double v) { return {Kind::kNumber, {}, v, -1}; }
  static XlsxCell number(double v, int decimals) { return {Kind::kNumber, {}, v, decimals}; }
};

using XlsxRow = std::vector<XlsxCell>;

struct XlsxSheet {
  std::string name = "Sheet1";           // at most 31 characters, none of []:*?/\ .
  std::vector<std::string> title_lines;  // above the table, in column A
  std::vector<std::string> header;       // column names; sets the column count
  // Header rows above `header` (a pivot's outer column headings), styled
  // as it and repeated with it on every printed page.
  std::vector<std::vector<std::string>> header_above;
  // The first columns label the rows (a pivot's row headings): frozen on
  // screen and, when printed, repeated on every page.
  std::size_t label_columns = 0;
  std::vector<XlsxRow> rows;             // at most 1,048,000 rows
  std::optional<XlsxRow> total;          // a bold total row under the rows
  // Excel number format per column (e.g. "#,##0", "0.00"); empty or missing
  // entries use "General".
  std::vector<std::string> number_formats;
  std::vector<XlsxRow> footer_rows;
  // Printed landscape, one page wide, the header row repeated on every page.
  bool landscape = false;
  // Printed on A4, one page wide, the header rows repeated on every page
  // (portrait unless `landscape`).
  bool a4_print = false;
};

// The bytes of a workbook with one worksheet per sheet, in order.
Result<std::string> write_xlsx(const std::vector<XlsxSheet>& sheets);
Result<std::string> write_xlsx(const XlsxSheet& sheet);

// Content-Type of an .xlsx file.
inline constexpr const char* kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace danso
