// Reports of Circular 01/2022/TT-BYT computed from the register: the
// commune's monthly report and yearly form 03-DSX (one column per village)
// and the district's quarterly form 01-DSH (one column per commune). The form follows from the
// unit's level and the period's kind; each report goes through
// draft -> submitted -> approved / returned, and an approved version is
// frozen (a correction is a new version).
//
//   auto form = report_form_for(UnitKind::kCommune, "2025-05");  // kCommuneMonthly
//   report_transition(ReportStatus::kDraft, ReportAction::kSubmit);  // kSubmitted
#pragma once

#include <array>
#include <string_view>

#include "core/enum_codec.h"
#include "core/period.h"
#include "core/result.h"
#include "core/unit.h"

namespace danso {

enum class ReportForm { kCommuneMonthly, kDistrictQuarterly, kCommuneYearly };
inline constexpr EnumCodec<ReportForm, 3> kReportForms{{{
    {ReportForm::kCommuneMonthly, "commune_monthly", "báo cáo tháng của xã"},
    {ReportForm::kDistrictQuarterly, "district_quarterly", "báo cáo quý của huyện (mẫu 01-DSH)"},
    {ReportForm::kCommuneYearly, "commune_yearly", "báo cáo năm của xã (mẫu 03-DSX)"},
}}};

enum class ReportStatus { kDraft, kSubmitted, kReturned, kApproved };
inline constexpr EnumCodec<ReportStatus, 4> kReportStatuses{{{
    {ReportStatus::kDraft, "draft", "dự thảo"},
    {ReportStatus::kSubmitted, "submitted", "đã gửi"},
    {ReportStatus::kReturned, "returned", "trả lại"},
    {ReportStatus::kApproved, "approved", "đã duyệt"},
}}};

enum class ReportAction { kCompute, kSubmit, kApprove, kReturn };
inline constexpr EnumCodec<ReportAction, 4> kReportActions{{{
    {ReportAction::kCompute, "compute", "tính từ sổ"},
    {ReportAction::kSubmit, "submit", "gửi"},
    {ReportAction::kApprove, "approve", "duyệt"},
    {ReportAction::kReturn, "return", "trả lại"},
}}};

// One column of the forms: its key in the API and its labels.
struct ReportColumn {
  const char* key;
  const char* label_vi;
  const char* label_en;
};

inline constexpr int kReportColumnCount = 30;
// The first 17 columns are every form's: the district's form 01-DSH carries
// those alone. The commune's monthly report adds the family-planning and
// screening slips (contraception starts, in all and by method, pregnancies,
// prenatal and newborn screenings); the yearly form 03-DSX carries all 30:
// those and the residents by sex.
inline constexpr int kCommonColumnCount = 17;
// In storage order, which never changes (a stored report keeps its values by
// key; the printed order is app/reports/report_form.h's). The first three are
// states at the period's last day, the next fourteen events dated inside the
// period; then two states at the last day (the residents by sex), four kinds
// of events and the contraception starts by method.
inline constexpr std::array<ReportColumn, kReportColumnCount> kReportColumns{{
    {"households", "Số hộ dân cư", "Households"},
    {"population", "Dân số thường trú", "Resident population"},
    {"married_women_15_49", "Phụ nữ 15-49 tuổi có chồng", "Married women aged 15-49"},
    {"births", "Số trẻ sinh ra", "Births"},
    {"births_male", "Trẻ sinh ra: nam", "Births: boys"},
    {"births_female", "Trẻ sinh ra: nữ", "Births: girls"},
    {"births_order_2", "Sinh con thứ hai", "Second births"},
    {"births_order_3_plus", "Sinh con thứ ba trở lên", "Third or higher births"},
    {"births_mother_under_20", "Sinh con khi mẹ dưới 20 tuổi", "Births to mothers under 20"},
    {"deaths", "Số người chết", "Deaths"},
    {"marriages", "Số cặp kết hôn", "Marriages"},
    {"child_marriages", "Số cặp tảo hôn", "Child marriages"},
    {"consanguineous_marriages", "Số cặp kết hôn cận huyết thống", "Consanguineous marriages"},
    {"premarital_counselling", "Được tư vấn, khám sức khỏe trước kết hôn", "Premarital counselling"},
    {"divorces", "Số vụ ly hôn", "Divorces"},
    {"moves_in", "Số người chuyển đến", "Moves in"},
    {"moves_out", "Số người chuyển đi", "Moves out"},
    {"population_male", "Dân số thường trú: nam", "Resident population: men"},
    {"population_female", "Dân số thường trú: nữ", "Resident population: women"},
    {"contraception_starts", "Lượt bắt đầu sử dụng biện pháp tránh thai", "Contraception starts"},
    {"pregnancies", "Số lần có thai được ghi nhận", "Pregnancies recorded"},
    {"prenatal_screenings", "Lượt sàng lọc trước sinh", "Prenatal screenings"},
    {"newborn_screenings", "Lượt sàng lọc sơ sinh", "Newborn screenings"},
    {"contraception_iud", "Bắt đầu sử dụng: đặt dụng cụ tử cung", "Starts: IUD"},
    {"contraception_implant", "Bắt đầu sử dụng: cấy thuốc tránh thai", "Starts: implant"},
    {"contraception_injectable", "Bắt đầu sử dụng: tiêm thuốc tránh thai", "Starts: injectable"},
    {"contraception_pill", "Bắt đầu sử dụng: uống thuốc tránh thai", "Starts: pills"},
    {"contraception_condom", "Bắt đầu sử dụng: bao cao su", "Starts: condoms"},
    {"contraception_male_sterilisation", "Bắt đầu sử dụng: triệt sản nam", "Starts: male sterilisation"},
    {"contraception_female_sterilisation", "Bắt đầu sử dụng: triệt sản nữ", "Starts: female sterilisation"},
}};

// The index of the column `key` in kReportColumns; -1 for none.
constexpr int report_column_index(std::string_view key) {
  for (int k = 0; k < kReportColumnCount; ++k)
    if (key == kReportColumns[size_t(k)].key) return k;
  return -1;
}

// Whether `form` carries column `k` of kReportColumns: the first
// kCommonColumnCount on every form, the residents by sex on the yearly form
// only, the family-planning and screening columns on the commune's forms.
constexpr bool report_carries(ReportForm form, int k) {
  if (k < 0 || k >= kReportColumnCount) return false;
  if (k < kCommonColumnCount || form == ReportForm::kCommuneYearly) return true;
  if (form == ReportForm::kDistrictQuarterly) return false;
  return k != report_column_index("population_male") && k != report_column_index("population_female");
}

// How many columns `form` carries: 17 (01-DSH), 28 (monthly), 30 (03-DSX).
constexpr int report_column_count(ReportForm form) {
  int n = 0;
  for (int k = 0; k < kReportColumnCount; ++k) n += report_carries(form, k) ? 1 : 0;
  return n;
}

// The form for a unit of `kind` and a period label: a commune and a month
// ("2025-05") or a year ("2025", form 03-DSX), or a district and a quarter
// ("2025-Q2"). Any other pair is an invalid_argument naming `field`.
Result<ReportForm> report_form_for(UnitKind kind, std::string_view period, std::string_view field = "period");

// The first day a report on `period` may be submitted: the day after the
// period, except a year, submitted from 1 December so that the commune's
// yearly form 03-DSX meets its deadline of 10 December of the same year.
Date report_submittable_from(const Period& period);

// The status after `action` from `from`; kFailedPrecondition when the state
// does not allow it (compute only refreshes a draft or a returned report).
Result<ReportStatus> report_transition(ReportStatus from, ReportAction action);

}  // namespace danso
