// A report as an .xlsx workbook laid out like the official form: title,
// unit, period, version and status, a header row of the Vietnamese column
// labels, one row per village or commune, a total row. Written with
// libxlsxwriter into a private temporary file, read back whole and removed
// in every case, so the caller gets all the bytes or an error.
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/reports/reports.h"

namespace danso::reports {

namespace {

Error xlsx_error(const std::string& what) {
  return Error{ErrorCode::kInternal, "", "không tạo được tệp .xlsx: " + what, "could not write the .xlsx file: " + what};
}

// Removes the file when it goes out of scope.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) std::filesystem::remove(path);
  }
};

std::string form_title(const Report& r) {
  return r.record.form == kReportForms.code(ReportForm::kDistrictQuarterly)
             ? "BIỂU 01-DSH: BÁO CÁO THỐNG KÊ DÂN SỐ QUÝ CỦA HUYỆN"
             : "BÁO CÁO THỐNG KÊ DÂN SỐ THÁNG CỦA XÃ";
}

}  // namespace

Result<std::string> report_xlsx(const Report& r) {
  TempFile tmp;
  {
    std::string pattern = (std::filesystem::temp_directory_path() / "danso-report-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) return xlsx_error("mkstemp");
    close(fd);
    tmp.path = pattern;
  }
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (!wb) return xlsx_error("workbook_new");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Báo cáo");
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 13);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* cell = workbook_add_format(wb);
  format_set_border(cell, LXW_BORDER_THIN);
  lxw_format* number = workbook_add_format(wb);
  format_set_border(number, LXW_BORDER_THIN);
  format_set_num_format(number, "#,##0");
  lxw_format* total = workbook_add_format(wb);
  format_set_bold(total);
  format_set_border(total, LXW_BORDER_THIN);
  format_set_num_format(total, "#,##0");

  const bool district = r.record.form == kReportForms.code(ReportForm::kDistrictQuarterly);
  const ReportStatus status = kReportStatuses.find(r.record.status).value_or(ReportStatus::kDraft);
  const std::string lines[] = {
      form_title(r),
      "Đơn vị báo cáo: " + r.unit_name + " (" + r.unit_code + ")",
      "Kỳ báo cáo: " + r.record.period,
      "Phiên bản: " + std::to_string(r.record.version) + " - Trạng thái: " + kReportStatuses.label(status),
  };
  lxw_row_t row = 0;
  for (const std::string& line : lines) {
    worksheet_write_string(ws, row, 0, line.c_str(), row == 0 ? title : nullptr);
    ++row;
  }
  ++row;  // a blank row above the table
  const lxw_row_t header_row = row;
  worksheet_write_string(ws, row, 0, "STT", header);
  worksheet_write_string(ws, row, 1, district ? "Xã/phường/thị trấn" : "Thôn/ấp/bản/tổ dân phố", header);
  for (int k = 0; k < kReportColumnCount; ++k)
    worksheet_write_string(ws, row, lxw_col_t(k + 2), kReportColumns[size_t(k)].label_vi, header);
  worksheet_set_row(ws, row, 45, nullptr);
  ++row;
  int n = 0;
  for (const ReportRow& rr : r.rows) {
    worksheet_write_number(ws, row, 0, ++n, cell);
    worksheet_write_string(ws, row, 1, (rr.name + " (" + rr.unit + ")").c_str(), cell);
    for (int k = 0; k < kReportColumnCount; ++k)
      worksheet_write_number(ws, row, lxw_col_t(k + 2), double(rr.values[size_t(k)]), number);
    ++row;
  }
  worksheet_write_string(ws, row, 0, "", total);
  worksheet_write_string(ws, row, 1, "Tổng cộng", total);
  for (int k = 0; k < kReportColumnCount; ++k)
    worksheet_write_number(ws, row, lxw_col_t(k + 2), double(r.total[size_t(k)]), total);
  worksheet_set_column(ws, 0, 0, 5, nullptr);
  worksheet_set_column(ws, 1, 1, 32, nullptr);
  worksheet_set_column(ws, 2, lxw_col_t(kReportColumnCount + 1), 13, nullptr);
  worksheet_freeze_panes(ws, header_row + 1, 2);
  if (const lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) return xlsx_error(lxw_strerror(e));

  std::ifstream in(tmp.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) return xlsx_error("read back");
  return bytes.str();
}

}  // namespace danso::reports
