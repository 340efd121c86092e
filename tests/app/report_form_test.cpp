// The printed forms (docs/forms.md): the period and the date in words, the
// rows in the circular's order, download names, the headings of downloaded
// lists, and a district's form of many communes printed landscape, read
// back from the .xlsx. Unit names are made up.
#include <gtest/gtest.h>

#include <set>

#include "app/export/column_labels.h"
#include "app/export/file_names.h"
#include "app/export/table_export.h"
#include "app/reports/report_form.h"
#include "app/xlsx_cells.h"

namespace danso {
namespace {

TEST(ReportForm, PeriodsAndDatesInWords) {
  EXPECT_EQ(reports::period_in_words("2025-11"), "Tháng 11 năm 2025");
  EXPECT_EQ(reports::period_in_words("2025-02"), "Tháng 2 năm 2025");
  EXPECT_EQ(reports::period_in_words("2025-Q3"), "Quý III năm 2025");
  EXPECT_EQ(reports::period_in_words("2025-Q4"), "Quý IV năm 2025");
  EXPECT_EQ(reports::period_in_words("2025-H1"), "6 tháng đầu năm 2025");
  EXPECT_EQ(reports::period_in_words("2025"), "Năm 2025");
  EXPECT_EQ(reports::period_in_words("2020..2024"), "2020..2024");
  EXPECT_EQ(reports::date_in_words("2025-12-05T07:30:00Z"), "ngày 5 tháng 12 năm 2025");
  EXPECT_EQ(reports::date_in_words(""), "ngày … tháng … năm …");
}

TEST(ReportForm, RowsInTheCircularsOrderWithTheirUnits) {
  const auto& lines = reports::form_lines();
  ASSERT_EQ(lines.size(), 19u);
  int indicators = 0;
  for (const auto& l : lines) indicators += l.column ? 1 : 0;
  EXPECT_EQ(indicators, kCommonColumnCount);  // every column of 01-DSH is printed once
  EXPECT_EQ(lines[0].label, "Số hộ dân cư");
  EXPECT_EQ(lines[0].unit, "hộ");
  EXPECT_EQ(lines[4].label, "Trong đó:");
  EXPECT_FALSE(lines[4].column.has_value());
  EXPECT_EQ(lines[5].number, "4.1");
  EXPECT_TRUE(lines[5].sub);
  EXPECT_EQ(kReportColumns[size_t(*lines[5].column)].key, std::string("births_male"));
  EXPECT_EQ(lines[11].unit, "cặp");  // marriages count couples
  EXPECT_EQ(lines[15].unit, "người");  // premarital counselling counts persons
  EXPECT_EQ(lines.back().number, "10");
  EXPECT_EQ(kReportColumns[size_t(*lines.back().column)].key, std::string("moves_out"));
  EXPECT_EQ(&reports::form_lines(ReportForm::kDistrictQuarterly), &lines);

  // The commune's monthly report prints each of its 28 columns once: rows
  // 1-10, then 11 (contraception starts) with one "Trong đó" row per method
  // in the form's order, 12-14 (pregnancies, screenings).
  const auto& monthly = reports::form_lines(ReportForm::kCommuneMonthly);
  ASSERT_EQ(monthly.size(), 31u);
  std::set<int> on_monthly;
  for (const auto& l : monthly)
    if (l.column) {
      EXPECT_TRUE(on_monthly.insert(*l.column).second) << l.number;
      EXPECT_TRUE(report_carries(ReportForm::kCommuneMonthly, *l.column)) << l.number;
    }
  EXPECT_EQ(int(on_monthly.size()), report_column_count(ReportForm::kCommuneMonthly));
  EXPECT_EQ(report_column_count(ReportForm::kCommuneMonthly), 28);
  EXPECT_EQ(monthly[19].number, "11");
  EXPECT_EQ(monthly[19].unit, "lượt");
  EXPECT_EQ(monthly[20].label, "Trong đó:");
  const std::vector<std::pair<const char*, const char*>> methods = {
      {"contraception_iud", "- Đặt dụng cụ tử cung (vòng tránh thai)"},
      {"contraception_implant", "- Cấy thuốc tránh thai"},
      {"contraception_injectable", "- Tiêm thuốc tránh thai"},
      {"contraception_pill", "- Uống thuốc tránh thai"},
      {"contraception_condom", "- Bao cao su"},
      {"contraception_male_sterilisation", "- Triệt sản nam"},
      {"contraception_female_sterilisation", "- Triệt sản nữ"}};
  for (size_t i = 0; i < methods.size(); ++i) {
    const auto& l = monthly[21 + i];
    EXPECT_EQ(l.number, "11." + std::to_string(i + 1));
    EXPECT_TRUE(l.sub);
    EXPECT_EQ(l.unit, "lượt");
    EXPECT_EQ(l.label, methods[i].second);
    EXPECT_EQ(kReportColumns[size_t(*l.column)].key, std::string(methods[i].first));
  }
  EXPECT_EQ(monthly[28].number, "12");
  EXPECT_EQ(monthly.back().number, "14");
  EXPECT_EQ(monthly.back().unit, "lượt");  // screenings are counted as slips, not persons

  // The yearly form 03-DSX prints each of its 30 columns once: the monthly
  // report's rows and the residents by sex under row 2.
  const auto& yearly = reports::form_lines(ReportForm::kCommuneYearly);
  ASSERT_EQ(yearly.size(), 34u);
  std::set<int> printed;
  for (const auto& l : yearly)
    if (l.column) {
      EXPECT_TRUE(printed.insert(*l.column).second) << l.number;
    }
  EXPECT_EQ(int(printed.size()), kReportColumnCount);
  EXPECT_EQ(report_column_count(ReportForm::kCommuneYearly), kReportColumnCount);
  EXPECT_EQ(report_column_count(ReportForm::kDistrictQuarterly), kCommonColumnCount);
  EXPECT_EQ(yearly[3].number, "2.1");
  EXPECT_EQ(kReportColumns[size_t(*yearly[4].column)].key, std::string("population_female"));
  EXPECT_EQ(yearly[21].number, "10");
  EXPECT_EQ(yearly[24].number, "11.1");
  EXPECT_EQ(yearly.back().number, "14");
}

TEST(ReportForm, DownloadNamesSayWhatAndWhen) {
  EXPECT_EQ(name_slug("Xã Tân Lộc"), "xa-Tan-Loc");
  EXPECT_EQ(name_slug("Thị trấn Đông Anh"), "thi-tran-Dong-Anh");
  EXPECT_EQ(name_slug("Huyện Ấn Giang"), "huyen-An-Giang");
  EXPECT_EQ(name_slug("Phường 12"), "phuong-12");
  EXPECT_EQ(download_stem("indicators", {"Xã Tân Lộc", "2025"}), "chi-tieu-xa-Tan-Loc-2025");
  EXPECT_EQ(download_stem("households", {"99001", ""}), "ho-dan-cu-99001");
  EXPECT_EQ(download_stem("events", {"99001", "2025-Q3"}), "phieu-thu-tin-99001-2025-Q3");
  EXPECT_EQ(download_stem("other", {}), "other");
}

TEST(ReportForm, ListHeadingsInVietnameseEnglishOrKeys) {
  EXPECT_EQ(column_heading("persons", "birth_date", HeadingLang::kVi), "Ngày sinh");
  EXPECT_EQ(column_heading("persons", "birth_date", HeadingLang::kEn), "Date of birth");
  EXPECT_EQ(column_heading("persons", "birth_date", HeadingLang::kKeys), "birth_date");
  EXPECT_EQ(column_heading("events", "id", HeadingLang::kVi), "Mã sự kiện");
  EXPECT_EQ(column_heading("households", "id", HeadingLang::kVi), "Mã hộ");
  EXPECT_EQ(column_heading("indicators", "name", HeadingLang::kVi), "Tên đơn vị");
  EXPECT_EQ(column_heading("persons", "name", HeadingLang::kVi), "Họ và tên");
  EXPECT_EQ(column_heading("reports", "status", HeadingLang::kVi), "Trạng thái");
  EXPECT_EQ(column_heading("persons", "no_such_key", HeadingLang::kVi), "no_such_key");
  EXPECT_EQ(heading_lang(""), HeadingLang::kVi);
  EXPECT_EQ(heading_lang("en"), HeadingLang::kEn);
  EXPECT_FALSE(heading_lang("fr").has_value());
}

TEST(ReportForm, IndicatorDownloadsAreRoundedAsShown) {
  const auto report = nlohmann::ordered_json::parse(R"({"unit": "99001", "name": "Xã Một", "period": "2025",
    "indicators": {"tfr": {"value": 1.87654, "numerator": 12.3456, "denominator": 456.78, "unit": "children per woman", "flags": []},
                   "births": {"value": 31, "numerator": null, "denominator": null, "unit": "persons", "flags": ["small_numbers"]},
                   "rni": {"value": 6.6942, "numerator": null, "denominator": null, "unit": "per_1000", "flags": []},
                   "made_up": {"value": 0.12345, "numerator": null, "denominator": null, "unit": "x", "flags": []}}})");
  const auto catalogue = analytics::IndicatorCatalogue::defaults();
  const auto rows = indicator_rows(report, catalogue);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["value"].dump(), "1.88");
  EXPECT_EQ(rows[0]["numerator"].dump(), "12.35");
  EXPECT_EQ(rows[0]["denominator"].dump(), "456.8");
  EXPECT_EQ(rows[1]["value"].dump(), "31");
  EXPECT_TRUE(rows[1]["numerator"].is_null());
  EXPECT_EQ(rows[1]["flags"], "small_numbers");
  // Each value at its indicator's precision (the rate of natural increase: 1 decimal), 2 for a code not in the catalogue.
  EXPECT_EQ(rows[2]["value"].dump(), "6.7");
  EXPECT_EQ(rows[3]["value"].dump(), "0.12");
}

// A report as the store gives it back, without its rows.
struct FormReportFacts {
  ReportForm form;
  const char *period, *status;
  int version;
  const char *updated_at, *unit_code, *unit_name, *parent_name;
};
reports::Report form_report(const FormReportFacts& f) {
  reports::Report r;
  r.record.form = kReportForms.code(f.form);
  r.record.period = f.period;
  r.record.status = f.status;
  r.record.version = f.version;
  r.record.updated_at = f.updated_at;
  r.unit_code = f.unit_code;
  r.unit_name = f.unit_name;
  r.parent_name = f.parent_name;
  r.columns = reports::form_columns(f.form);
  return r;
}

// A district of eight communes: 01-DSH with a column each, printed landscape.
TEST(ReportForm, ADistrictOfEightCommunesPrintsLandscape) {
  reports::Report r = form_report({ReportForm::kDistrictQuarterly, "2025-Q3", "approved", 2, "2025-10-06T02:00:00Z",
                                   "990", "Huyện Thử Nghiệm", "Tỉnh Thử"});
  for (int i = 1; i <= 8; ++i) {
    reports::ReportRow row{"9900" + std::to_string(i), "Xã Số " + std::to_string(i), {}};
    row.values[1] = 1000 * i;  // population
    r.rows.push_back(row);
  }
  r.total = reports::sum_rows(r.rows);
  EXPECT_EQ(reports::report_file_stem(r), "bieu-01-DSH-huyen-Thu-Nghiem-2025-Q3-v2");
  const auto bytes = reports::report_xlsx(r);
  ASSERT_TRUE(bytes.ok()) << bytes.error().en;
  const auto x = testing::read_xlsx(*bytes);
  EXPECT_EQ(x.cells.at("A1"), "Biểu 01-DSH");
  EXPECT_EQ(x.cells.at("A3"), "Đơn vị nhận báo cáo: Tỉnh Thử");
  EXPECT_EQ(x.cells.at("A7"), "Quý III năm 2025");
  EXPECT_EQ(x.cells.at("A8"), "Phiên bản 2 - đã duyệt");
  EXPECT_EQ(x.cells.at("E11"), "Xã Số 1");
  EXPECT_EQ(x.cells.at("L11"), "Xã Số 8");
  EXPECT_EQ(x.cells.at("L12"), "9");  // column number: total is 1, communes 2..9
  EXPECT_EQ(x.cells.at("B14"), "Dân số thường trú");
  EXPECT_EQ(x.cells.at("D14"), "36000");
  EXPECT_EQ(x.cells.at("L14"), "8000");
  // The right-hand blocks start at column G (12 columns: 12 / 2 + 1).
  EXPECT_EQ(x.cells.at("G1"), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(x.cells.at("G33"), "Huyện Thử Nghiệm, ngày 6 tháng 10 năm 2025");
  EXPECT_NE(x.sheet_xml.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(x.sheet_xml.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(x.sheet_xml.find("<mergeCell ref=\"E10:L10\"/>"), std::string::npos);
  EXPECT_NE(x.workbook_xml.find("'Báo cáo'!$A:$C,'Báo cáo'!$10:$12"), std::string::npos);
  EXPECT_NE(x.workbook_xml.find("'Báo cáo'!$A$1:$L$35"), std::string::npos);

  // The same form as a printable page: a landscape page for its width.
  const std::string html = reports::report_html(r);
  EXPECT_NE(html.find("<section class=\"form wide\" data-unit=\"990\">"), std::string::npos);
  EXPECT_NE(html.find("<th colspan=\"8\">Chia theo xã/phường/thị trấn</th>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"n total\">36.000</td>"), std::string::npos);
  // Names are text on the page, never markup.
  r.rows[7].name = "Xã <script>\"&'";
  const std::string escaped = reports::report_html(r);
  EXPECT_EQ(escaped.find("<script>"), std::string::npos);
  EXPECT_NE(escaped.find("<th class=\"area\">Xã &lt;script&gt;&quot;&amp;&#39;</th>"), std::string::npos);
}

// The commune's yearly form 03-DSX: the commune's layout under its own form
// number, the year in words, a file named after the form.
TEST(ReportForm, ACommunesYearIsForm03DSX) {
  reports::Report r = form_report({ReportForm::kCommuneYearly, "2025", "submitted", 1, "2025-12-08T02:00:00Z", "99001",
                                   "Xã Tân Lộc", "Huyện Thử"});
  for (int i = 1; i <= 2; ++i) {
    reports::ReportRow row{"990010" + std::to_string(i), "Thôn " + std::to_string(i), {}};
    row.values[3] = 10 * i;                // births
    row.values[17] = 100 + 300 * (i - 1);  // men: 100 and 400
    row.values[19] = 2 + i;                // contraception starts: 3 and 4
    r.rows.push_back(row);
  }
  r.total = reports::sum_rows(r.rows);
  EXPECT_EQ(reports::report_file_stem(r), "bieu-03-DSX-xa-Tan-Loc-2025-v1");
  const auto layout = reports::form_layout(r);
  EXPECT_EQ(layout.form_code, "Biểu 03-DSX");
  EXPECT_EQ(layout.title, "BÁO CÁO THỐNG KÊ DÂN SỐ CẤP XÃ");
  EXPECT_EQ(layout.period_words, "Năm 2025");
  EXPECT_EQ(layout.area_heading, "Chia theo thôn/ấp/bản/tổ dân phố");
  const auto bytes = reports::report_xlsx(r);
  ASSERT_TRUE(bytes.ok()) << bytes.error().en;
  const auto x = testing::read_xlsx(*bytes);
  EXPECT_EQ(x.cells.at("A1"), "Biểu 03-DSX");
  EXPECT_EQ(x.cells.at("A7"), "Năm 2025");
  EXPECT_EQ(x.cells.at("A8"), "Phiên bản 1 - đã gửi");
  // Rows 2.1 and 2.2 (men, women) under the residents, then births on row 19
  // and rows 11-14 at the end, the starts by method under row 11.
  EXPECT_EQ(x.cells.at("B15"), "Trong đó:");
  EXPECT_EQ(x.cells.at("A16"), "2.1");
  EXPECT_EQ(x.cells.at("B16"), "- Nam");
  EXPECT_EQ(x.cells.at("D16"), "500");
  EXPECT_EQ(x.cells.at("B17"), "- Nữ");
  EXPECT_EQ(x.cells.at("D17"), "0");
  EXPECT_EQ(x.cells.at("B18"), "Số phụ nữ 15-49 tuổi có chồng");
  EXPECT_EQ(x.cells.at("B19"), "Số trẻ sinh ra");
  EXPECT_EQ(x.cells.at("D19"), "30");
  EXPECT_EQ(x.cells.at("F19"), "20");
  EXPECT_EQ(x.cells.at("A35"), "11");
  EXPECT_EQ(x.cells.at("B35"), "Số lượt bắt đầu sử dụng biện pháp tránh thai");
  EXPECT_EQ(x.cells.at("C35"), "lượt");
  EXPECT_EQ(x.cells.at("D35"), "7");
  EXPECT_EQ(x.cells.at("B36"), "Trong đó:");
  EXPECT_EQ(x.cells.at("A37"), "11.1");
  EXPECT_EQ(x.cells.at("B37"), "- Đặt dụng cụ tử cung (vòng tránh thai)");
  EXPECT_EQ(x.cells.at("A43"), "11.7");
  EXPECT_EQ(x.cells.at("B43"), "- Triệt sản nữ");
  EXPECT_EQ(x.cells.at("D43"), "0");
  EXPECT_EQ(x.cells.at("A46"), "14");
  EXPECT_EQ(x.cells.at("B46"), "Số lượt sàng lọc sơ sinh");
  EXPECT_EQ(x.cells.at("D48"), "Xã Tân Lộc, ngày 8 tháng 12 năm 2025");  // the signature block below
  EXPECT_EQ(x.sheet_xml.find("orientation=\"landscape\""), std::string::npos);  // two villages: portrait
  const std::string html = reports::report_html(r);
  EXPECT_NE(html.find("Biểu 03-DSX"), std::string::npos);
  EXPECT_NE(html.find("Năm 2025"), std::string::npos);
  EXPECT_NE(html.find("Xã Tân Lộc, ngày 8 tháng 12 năm 2025"), std::string::npos);
}

}  // namespace
}  // namespace danso
