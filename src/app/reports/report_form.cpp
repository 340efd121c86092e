// The printed form of a report: its rows in the circular's order with their
// units of measure, the heading, the period in words and the signature block.
#include "app/reports/report_form.h"

#include <algorithm>

#include "app/export/file_names.h"

namespace danso::reports {

namespace {

FormLine indicator(const char* number, const char* label, const char* unit, std::string_view key, bool sub = false) {
  return FormLine{number, label, unit, report_column_index(key), sub};
}

FormLine among_them() { return FormLine{"", "Trong đó:", "", std::nullopt, true}; }

const char* const kRomanQuarters[] = {"I", "II", "III", "IV"};

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

}  // namespace

const std::vector<FormLine>& form_lines() {
  static const std::vector<FormLine> lines = {
      indicator("1", "Số hộ dân cư", "hộ", "households"),
      indicator("2", "Dân số thường trú", "người", "population"),
      indicator("3", "Số phụ nữ 15-49 tuổi có chồng", "người", "married_women_15_49"),
      indicator("4", "Số trẻ sinh ra", "trẻ", "births"),
      among_them(),
      indicator("4.1", "- Trẻ sinh ra là nam", "trẻ", "births_male", true),
      indicator("4.2", "- Trẻ sinh ra là nữ", "trẻ", "births_female", true),
      indicator("4.3", "- Trẻ sinh ra là con thứ hai", "trẻ", "births_order_2", true),
      indicator("4.4", "- Trẻ sinh ra là con thứ ba trở lên", "trẻ", "births_order_3_plus", true),
      indicator("4.5", "- Trẻ sinh ra có mẹ dưới 20 tuổi", "trẻ", "births_mother_under_20", true),
      indicator("5", "Số người chết", "người", "deaths"),
      indicator("6", "Số cặp kết hôn", "cặp", "marriages"),
      among_them(),
      indicator("6.1", "- Số cặp tảo hôn", "cặp", "child_marriages", true),
      indicator("6.2", "- Số cặp kết hôn cận huyết thống", "cặp", "consanguineous_marriages", true),
      indicator("7", "Số người được tư vấn, khám sức khỏe trước kết hôn", "người", "premarital_counselling"),
      indicator("8", "Số cặp ly hôn", "cặp", "divorces"),
      indicator("9", "Số người chuyển đến", "người", "moves_in"),
      indicator("10", "Số người chuyển đi", "người", "moves_out"),
  };
  return lines;
}

namespace {

// Rows 11-14 of the commune's forms: the family-planning and screening
// slips; the contraception starts by method as "Trong đó" rows, in the
// order the commune's monthly form lists the methods.
std::vector<FormLine> family_planning_lines() {
  return {
      indicator("11", "Số lượt bắt đầu sử dụng biện pháp tránh thai", "lượt", "contraception_starts"),
      among_them(),
      indicator("11.1", "- Đặt dụng cụ tử cung (vòng tránh thai)", "lượt", "contraception_iud", true),
      indicator("11.2", "- Cấy thuốc tránh thai", "lượt", "contraception_implant", true),
      indicator("11.3", "- Tiêm thuốc tránh thai", "lượt", "contraception_injectable", true),
      indicator("11.4", "- Uống thuốc tránh thai", "lượt", "contraception_pill", true),
      indicator("11.5", "- Bao cao su", "lượt", "contraception_condom", true),
      indicator("11.6", "- Triệt sản nam", "lượt", "contraception_male_sterilisation", true),
      indicator("11.7", "- Triệt sản nữ", "lượt", "contraception_female_sterilisation", true),
      indicator("12", "Số lần có thai được ghi nhận", "lần", "pregnancies"),
      indicator("13", "Số lượt sàng lọc trước sinh", "lượt", "prenatal_screenings"),
      indicator("14", "Số lượt sàng lọc sơ sinh", "lượt", "newborn_screenings"),
  };
}

}  // namespace

const std::vector<FormLine>& form_lines(ReportForm form) {
  // The monthly report: rows 1-10, then the slips of rows 11-14.
  static const std::vector<FormLine> monthly = [] {
    std::vector<FormLine> out = form_lines();
    const std::vector<FormLine> more = family_planning_lines();
    out.insert(out.end(), more.begin(), more.end());
    return out;
  }();
  // The yearly form: the monthly report's rows and the residents by sex
  // under row 2.
  static const std::vector<FormLine> yearly = [] {
    std::vector<FormLine> out = monthly;
    const std::vector<FormLine> by_sex = {
        among_them(),
        indicator("2.1", "- Nam", "người", "population_male", true),
        indicator("2.2", "- Nữ", "người", "population_female", true),
    };
    out.insert(out.begin() + 2, by_sex.begin(), by_sex.end());
    return out;
  }();
  switch (form) {
    case ReportForm::kCommuneMonthly: return monthly;
    case ReportForm::kCommuneYearly: return yearly;
    case ReportForm::kDistrictQuarterly: break;
  }
  return form_lines();
}

std::optional<int64_t> FormLayout::value(const Report& r, const FormLine& line, int a) const {
  if (!line.column || *line.column < 0) return std::nullopt;
  if (std::find(r.columns.begin(), r.columns.end(), *line.column) == r.columns.end()) return std::nullopt;
  const size_t k = size_t(*line.column);
  if (a < 0) return r.total[k];
  return size_t(a) < r.rows.size() ? r.rows[size_t(a)].values[k] : 0;
}
std::string period_in_words(std::string_view p) {
  if (p.size() == 4 && all_digits(p)) return "Năm " + std::string(p);
  if (p.size() == 7 && p[4] == '-' && all_digits(p.substr(0, 4))) {
    const std::string year(p.substr(0, 4));
    if (p[5] == 'Q' && p[6] >= '1' && p[6] <= '4') return std::string("Quý ") + kRomanQuarters[p[6] - '1'] + " năm " + year;
    if (p[5] == 'H' && (p[6] == '1' || p[6] == '2'))
      return std::string(p[6] == '1' ? "6 tháng đầu năm " : "6 tháng cuối năm ") + year;
    if (all_digits(p.substr(5, 2))) return "Tháng " + std::to_string(std::stoi(std::string(p.substr(5, 2)))) + " năm " + year;
  }
  return std::string(p);
}

std::string date_in_words(std::string_view iso) {
  if (iso.size() >= 10 && iso[4] == '-' && iso[7] == '-' && all_digits(iso.substr(0, 4)) && all_digits(iso.substr(5, 2)) &&
      all_digits(iso.substr(8, 2)))
    return "ngày " + std::to_string(std::stoi(std::string(iso.substr(8, 2)))) + " tháng " +
           std::to_string(std::stoi(std::string(iso.substr(5, 2)))) + " năm " + std::string(iso.substr(0, 4));
  return "ngày … tháng … năm …";
}

namespace {

ReportForm printed_form_of(const Report& r) {
  return kReportForms.find(r.record.form).value_or(ReportForm::kCommuneMonthly);
}

const char* printed_form_code(ReportForm form) {
  switch (form) {
    case ReportForm::kDistrictQuarterly: return "Biểu 01-DSH";
    case ReportForm::kCommuneYearly: return "Biểu 03-DSX";
    case ReportForm::kCommuneMonthly: break;
  }
  return "Báo cáo tháng cấp xã";
}

}  // namespace

FormLayout form_layout(const Report& r) {
  FormLayout f;
  const bool district = printed_form_of(r) == ReportForm::kDistrictQuarterly;
  f.form_code = printed_form_code(printed_form_of(r));
  f.reporting_unit = "Đơn vị báo cáo: " + r.unit_name;
  f.receiving_unit = "Đơn vị nhận báo cáo: " + (r.parent_name.empty() ? std::string("……") : r.parent_name);
  f.title = district ? "BÁO CÁO THỐNG KÊ DÂN SỐ CẤP HUYỆN" : "BÁO CÁO THỐNG KÊ DÂN SỐ CẤP XÃ";
  f.period_words = period_in_words(r.record.period);
  const ReportStatus status = kReportStatuses.find(r.record.status).value_or(ReportStatus::kDraft);
  f.version_line = "Phiên bản " + std::to_string(r.record.version) + " - " + kReportStatuses.label(status);
  f.area_heading = district ? "Chia theo xã/phường/thị trấn" : "Chia theo thôn/ấp/bản/tổ dân phố";
  for (const ReportRow& row : r.rows) f.areas.push_back(row.name);
  f.lines = form_lines(printed_form_of(r));
  f.place_date = r.unit_name + ", " + date_in_words(r.record.updated_at);
  return f;
}

std::string report_file_stem(const Report& r) {
  const char* kind = "bao-cao-thang-";
  if (printed_form_of(r) == ReportForm::kDistrictQuarterly) kind = "bieu-01-DSH-";
  if (printed_form_of(r) == ReportForm::kCommuneYearly) kind = "bieu-03-DSX-";
  std::string name = name_slug(r.unit_name);
  if (name.empty()) name = r.unit_code;
  return std::string(kind) + name + "-" + r.record.period + "-v" +
         std::to_string(r.record.version);
}

}  // namespace danso::reports
