// The printed form of a report (Circular 01/2022/TT-BYT, docs/forms.md):
// what the .xlsx workbook and the printable HTML page both lay out.
//
//   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM          Biểu 01-DSH
//   Độc lập - Tự do - Hạnh phúc                 Đơn vị báo cáo: Huyện ...
//   Số: ……/BC-……                                Đơn vị nhận báo cáo: Tỉnh ...
//              BÁO CÁO THỐNG KÊ DÂN SỐ
//                 Quý III năm 2025
//   STT | Chỉ tiêu | Đơn vị tính | Tổng số | Xã A | Xã B | ...
//   1   | Số hộ dân cư | hộ | ...
//   4   | Số trẻ sinh ra | trẻ | ...
//       | Trong đó: |
//   4.1 |   - Trẻ sinh ra là nam | trẻ | ...
//   ...
//   NGƯỜI LẬP BIỂU              Xã A, ngày 5 tháng 12 năm 2025
//   (Ký, ghi rõ họ tên)         THỦ TRƯỞNG ĐƠN VỊ (Ký, đóng dấu, ghi rõ họ tên)
//
// The circular's orientation: one row per indicator, one column per village
// (the commune's forms) or per commune (the district's 01-DSH), the unit's
// total first.
//
//   FormLayout f = form_layout(report);
//   f.lines[0].label;   // "Số hộ dân cư"
//   f.areas[0];         // "Thôn Đông"
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/reports/reports.h"

namespace danso::reports {

// One printed row of the table: an indicator (its column of Values), or the
// "Trong đó:" line that opens its sub-rows (no column).
struct FormLine {
  std::string number;  // "4", "4.1"; empty on a "Trong đó:" line
  std::string label;
  std::string unit;            // "Đơn vị tính": hộ, người, trẻ, cặp, lượt, lần
  std::optional<int> column;   // index into Values and kReportColumns
  bool sub = false;            // a sub-row under "Trong đó:"
};

// The rows every form has (1-10), in the circular's order: the district's
// form 01-DSH.
const std::vector<FormLine>& form_lines();
// The lines of `form`: the commune's monthly report adds rows 11-14
// (contraception starts with "Trong đó" rows 11.1-11.7 by method,
// pregnancies, prenatal and newborn screenings); the yearly form 03-DSX
// those and the residents by sex (2.1, 2.2); 01-DSH is form_lines().
const std::vector<FormLine>& form_lines(ReportForm form);

struct FormLayout {
  std::string national = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  std::string motto = "Độc lập - Tự do - Hạnh phúc";
  std::string form_code;       // "Biểu 01-DSH"; the commune's monthly report has none of its own
  std::string reporting_unit;  // "Đơn vị báo cáo: Xã Tân Lộc"
  std::string receiving_unit;  // "Đơn vị nhận báo cáo: Huyện ..."
  std::string number_line = "Số: ……/BC-……";
  std::string title;           // "BÁO CÁO THỐNG KÊ DÂN SỐ"
  std::string period_words;    // "Tháng 11 năm 2025", "Quý III năm 2025"
  std::string version_line;    // "Phiên bản 1 - dự thảo"
  std::string area_heading;    // "Thôn/ấp/bản/tổ dân phố" or "Xã/phường/thị trấn"
  std::vector<std::string> areas;  // column headings after "Tổng số"
  std::vector<FormLine> lines;
  std::string place_date;      // "Xã Tân Lộc, ngày 5 tháng 12 năm 2025"
  std::string preparer = "NGƯỜI LẬP BIỂU";
  std::string preparer_note = "(Ký, ghi rõ họ tên)";
  std::string head = "THỦ TRƯỞNG ĐƠN VỊ";
  std::string head_note = "(Ký, đóng dấu, ghi rõ họ tên)";

  // The value of `line` for area `a` (-1: the total); none on a "Trong đó:"
  // line and on a row the report's version does not hold (Report::columns:
  // a version stored before the form had the row), printed as an empty cell.
  std::optional<int64_t> value(const Report& r, const FormLine& line, int a) const;
  // Printed landscape when the areas do not fit a portrait page.
  bool landscape() const { return areas.size() > 5; }
};

FormLayout form_layout(const Report& r);

// A period as the forms write it: "Tháng 11 năm 2025", "Quý III năm 2025",
// "6 tháng đầu năm 2025", "Năm 2025"; other periods as their label.
std::string period_in_words(std::string_view period);
// "ngày 5 tháng 12 năm 2025" from an ISO date or instant ("2025-12-05...");
// "ngày … tháng … năm …" when it cannot be read.
std::string date_in_words(std::string_view iso);

// Download names that say what and when: "bao-cao-thang-Tan-Loc-2025-11-v1",
// without the extension (Vietnamese letters folded to ASCII).
std::string report_file_stem(const Report& r);

}  // namespace danso::reports
