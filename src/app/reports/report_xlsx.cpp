// A report as an .xlsx workbook laid out as the circular prints it
// (app/reports/report_form.h): the heading, the title with the period in
// words, one row per indicator with its number and unit of measure, one
// column per village or commune after the total, and the signature block.
// Set up for printing: A4, portrait or landscape as the columns need, one
// page wide, the table's heading rows and the label columns repeated on
// every page, margins and "Trang n/m" at the foot. Written with
// libxlsxwriter into a private temporary file, read back whole and removed
// in every case, so the caller gets all the bytes or an error.
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/reports/report_form.h"

namespace danso::reports {

namespace {

Error report_xlsx_error(const std::string& what) {
  return Error{ErrorCode::kInternal, "", "không tạo được tệp .xlsx: " + what, "could not write the .xlsx file: " + what};
}

// Removes the file when it goes out of scope.
struct ReportTempFile {
  std::string path;
  ~ReportTempFile() {
    if (!path.empty()) std::filesystem::remove(path);
  }
};

struct ReportFormats {
  lxw_format *bold, *bold_center, *motto, *title, *period, *note, *italic_center, *header, *header_small, *label,
      *sub_label, *among, *unit, *number, *total;
};

ReportFormats report_formats(lxw_workbook* wb) {
  auto make = [wb](auto&&... setters) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 11);
    (setters(f), ...);
    return f;
  };
  auto bold = [](lxw_format* f) { format_set_bold(f); };
  auto center = [](lxw_format* f) {
    format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  };
  auto italic = [](lxw_format* f) { format_set_italic(f); };
  auto border = [](lxw_format* f) { format_set_border(f, LXW_BORDER_THIN); };
  auto wrap = [](lxw_format* f) { format_set_text_wrap(f); };
  auto numbers = [](lxw_format* f) { format_set_num_format(f, "#,##0"); };
  ReportFormats x{};
  x.bold = make(bold);
  x.bold_center = make(bold, center);
  x.motto = make(bold, center, [](lxw_format* f) { format_set_underline(f, LXW_UNDERLINE_SINGLE); });
  x.title = make(bold, center, [](lxw_format* f) { format_set_font_size(f, 14); });
  x.period = make(bold, center, italic);
  x.note = make(center, italic, [](lxw_format* f) { format_set_font_size(f, 9); });
  x.italic_center = make(italic, center);
  x.header = make(bold, center, border, wrap);
  x.header_small = make(italic, center, border, [](lxw_format* f) { format_set_font_size(f, 9); });
  x.label = make(border, wrap, [](lxw_format* f) { format_set_align(f, LXW_ALIGN_VERTICAL_CENTER); });
  x.sub_label = make(border, wrap, [](lxw_format* f) {
    format_set_indent(f, 1);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  });
  x.among = make(border, italic, [](lxw_format* f) { format_set_indent(f, 1); });
  x.unit = make(border, center);
  x.number = make(border, numbers);
  x.total = make(border, numbers, bold);
  return x;
}

// Writes `text` across columns first..last of `row` (one cell when they are
// the same column).
lxw_error report_span(lxw_worksheet* ws, lxw_row_t row, lxw_col_t first, lxw_col_t last, const std::string& text,
                      lxw_format* f) {
  if (last > first) return worksheet_merge_range(ws, row, first, row, last, text.c_str(), f);
  return worksheet_write_string(ws, row, first, text.c_str(), f);
}

}  // namespace

Result<std::string> report_xlsx(const Report& r) {
  ReportTempFile tmp;
  {
    std::string pattern = (std::filesystem::temp_directory_path() / "danso-report-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) return report_xlsx_error("mkstemp");
    close(fd);
    tmp.path = pattern;
  }
  const FormLayout f = form_layout(r);
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (!wb) return report_xlsx_error("workbook_new");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Báo cáo");
  const ReportFormats fmt = report_formats(wb);

  // Columns: A number, B indicator, C unit of measure, D total, E.. areas.
  const lxw_col_t last = lxw_col_t(3 + f.areas.size());
  const lxw_col_t right = last >= 5 ? lxw_col_t(last / 2 + 1) : 3;  // where the right-hand blocks start
  lxw_error e = LXW_NO_ERROR;
  auto ok = [&e](lxw_error x) {
    if (x != LXW_NO_ERROR && e == LXW_NO_ERROR) e = x;
  };

  // Heading: the form and the units on the left, the nation on the right.
  ok(report_span(ws, 0, 0, 2, f.form_code, fmt.bold));
  ok(report_span(ws, 0, right, last, f.national, fmt.bold_center));
  ok(report_span(ws, 1, 0, 2, f.reporting_unit, nullptr));
  ok(report_span(ws, 1, right, last, f.motto, fmt.motto));
  ok(report_span(ws, 2, 0, 2, f.receiving_unit, nullptr));
  ok(report_span(ws, 3, 0, 2, f.number_line, nullptr));
  ok(report_span(ws, 5, 0, last, f.title, fmt.title));
  ok(report_span(ws, 6, 0, last, f.period_words, fmt.period));
  ok(report_span(ws, 7, 0, last, f.version_line, fmt.note));
  worksheet_set_row(ws, 5, 22, nullptr);

  // The table's heading: two rows of names and a row of column letters.
  const lxw_row_t head = 9;
  const char* fixed[] = {"STT", "Chỉ tiêu", "Đơn vị tính", "Tổng số"};
  for (lxw_col_t c = 0; c < 4; ++c) {
    if (f.areas.empty()) ok(worksheet_write_string(ws, head, c, fixed[c], fmt.header));
    else ok(worksheet_merge_range(ws, head, c, head + 1, c, fixed[c], fmt.header));
  }
  if (!f.areas.empty()) {
    ok(report_span(ws, head, 4, last, f.area_heading, fmt.header));
    for (size_t a = 0; a < f.areas.size(); ++a)
      ok(worksheet_write_string(ws, head + 1, lxw_col_t(4 + a), f.areas[a].c_str(), fmt.header));
  }
  const lxw_row_t letters = f.areas.empty() ? head + 1 : head + 2;
  const char* letter[] = {"A", "B", "C"};
  for (lxw_col_t c = 0; c <= last; ++c)
    ok(worksheet_write_string(ws, letters, c, c < 3 ? letter[c] : std::to_string(c - 2).c_str(), fmt.header_small));
  worksheet_set_row(ws, head, 30, nullptr);
  if (!f.areas.empty()) worksheet_set_row(ws, head + 1, 45, nullptr);

  // One row per indicator.
  lxw_row_t row = letters + 1;
  for (const FormLine& line : f.lines) {
    if (!line.column) {
      ok(worksheet_write_string(ws, row, 0, "", fmt.unit));
      ok(worksheet_write_string(ws, row, 1, line.label.c_str(), fmt.among));
      for (lxw_col_t c = 2; c <= last; ++c) ok(worksheet_write_blank(ws, row, c, fmt.unit));
      ++row;
      continue;
    }
    ok(worksheet_write_string(ws, row, 0, line.number.c_str(), fmt.unit));
    ok(worksheet_write_string(ws, row, 1, line.label.c_str(), line.sub ? fmt.sub_label : fmt.label));
    ok(worksheet_write_string(ws, row, 2, line.unit.c_str(), fmt.unit));
    // A row the version does not hold (stored before the form had it) stays blank.
    const auto cell = [&](lxw_col_t c, const std::optional<int64_t>& v, lxw_format* format) {
      ok(v ? worksheet_write_number(ws, row, c, double(*v), format) : worksheet_write_blank(ws, row, c, format));
    };
    cell(3, f.value(r, line, -1), fmt.total);
    for (size_t a = 0; a < f.areas.size(); ++a) cell(lxw_col_t(4 + a), f.value(r, line, int(a)), fmt.number);
    ++row;
  }

  // The signature block.
  row += 1;
  ok(report_span(ws, row, right, last, f.place_date, fmt.italic_center));
  ++row;
  ok(report_span(ws, row, 0, 2, f.preparer, fmt.bold_center));
  ok(report_span(ws, row, right, last, f.head, fmt.bold_center));
  ++row;
  ok(report_span(ws, row, 0, 2, f.preparer_note, fmt.italic_center));
  ok(report_span(ws, row, right, last, f.head_note, fmt.italic_center));

  worksheet_set_column(ws, 0, 0, 6, nullptr);
  worksheet_set_column(ws, 1, 1, 44, nullptr);
  worksheet_set_column(ws, 2, 2, 9, nullptr);
  worksheet_set_column(ws, 3, last, 11, nullptr);
  worksheet_freeze_panes(ws, letters + 1, 3);

  // Printing: A4, one page wide, the heading rows and label columns on every page.
  worksheet_set_paper(ws, 9);
  if (f.landscape()) worksheet_set_landscape(ws);
  else worksheet_set_portrait(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  ok(worksheet_repeat_rows(ws, head, letters));
  ok(worksheet_repeat_columns(ws, 0, 2));
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.7);  // inches: left, right, top, bottom
  worksheet_center_horizontally(ws);
  ok(worksheet_set_footer(ws, "&CTrang &P/&N"));
  ok(worksheet_print_area(ws, 0, 0, row, last));

  const lxw_error closed = workbook_close(wb);
  if (e != LXW_NO_ERROR) return report_xlsx_error(lxw_strerror(e));
  if (closed != LXW_NO_ERROR) return report_xlsx_error(lxw_strerror(closed));

  std::ifstream in(tmp.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) return report_xlsx_error("read back");
  return bytes.str();
}

}  // namespace danso::reports
