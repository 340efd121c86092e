#include "core/report.h"

#include <string>

#include "core/period.h"

namespace danso {

namespace {

bool is_month(std::string_view p) { return p.size() == 7 && p[4] == '-' && p[5] != 'Q' && p[5] != 'H'; }
bool is_quarter(std::string_view p) { return p.size() == 7 && p[4] == '-' && p[5] == 'Q'; }
bool is_year(std::string_view p) { return p.size() == 4; }

}  // namespace

Result<ReportForm> report_form_for(UnitKind kind, std::string_view period, std::string_view field) {
  const std::string p(period);
  auto parsed = Period::parse(period);
  if (!parsed) return parsed.error();
  if (kind == UnitKind::kCommune && is_month(period)) return ReportForm::kCommuneMonthly;
  if (kind == UnitKind::kCommune && is_year(period)) return ReportForm::kCommuneYearly;
  if (kind == UnitKind::kDistrict && is_quarter(period)) return ReportForm::kDistrictQuarterly;
  return Error::invalid(std::string(field),
                        "không có mẫu báo cáo cho " + std::string(kUnitKinds.label(kind)) + " và kỳ '" + p +
                            "': xã báo cáo theo tháng (2025-05) và năm (2025, mẫu 03-DSX), huyện theo quý (2025-Q2, mẫu 01-DSH)",
                        "no report form for a " + std::string(kUnitKinds.code(kind)) + " and the period '" + p +
                            "': a commune reports by month (2025-05) and year (2025, form 03-DSX), a district by quarter (2025-Q2, "
                            "form 01-DSH)");
}

Date report_submittable_from(const Period& period) {
  if (is_year(period.label)) return Date::from_ymd_unchecked(period.first.year(), 12, 1);
  return period.last.add_days(1);
}

Result<ReportStatus> report_transition(ReportStatus from, ReportAction action) {
  using S = ReportStatus;
  switch (action) {
    case ReportAction::kCompute:
    case ReportAction::kSubmit:
      if (from == S::kDraft || from == S::kReturned) return action == ReportAction::kCompute ? S::kDraft : S::kSubmitted;
      break;
    case ReportAction::kApprove:
      if (from == S::kSubmitted) return S::kApproved;
      break;
    case ReportAction::kReturn:
      if (from == S::kSubmitted) return S::kReturned;
      break;
  }
  const std::string a = kReportActions.code(action), s = kReportStatuses.code(from);
  return Error{ErrorCode::kFailedPrecondition, "status",
               "không thể " + std::string(kReportActions.label(action)) + " báo cáo ở trạng thái '" +
                   kReportStatuses.label(from) + "'",
               "cannot " + a + " a report that is " + s};
}

}  // namespace danso
