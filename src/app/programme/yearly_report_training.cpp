#include "app/programme/yearly_report_training.h"

#include <cstdio>

#include "app/export/html_escape.h"
#include "core/number_text.h"

namespace danso {

namespace {

std::string training_percent(const std::optional<double>& v) {
  if (!v) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *v);
  return buf;
}

std::string target_text(const TrainingTarget& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%%", t.percent);
  return std::string("≥ ") + buf + (t.every_year ? " hàng năm" : " đến " + std::to_string(t.by_year));
}

std::string met_text(const Coverage& c) { return !c.percent ? "không có thành viên" : c.target_met ? "đạt" : "chưa đạt"; }

std::string spending_line(const TrainingPlanCoverage& p, int year) {
  const TrainingSpending& s = p.spending;
  return "Kinh phí: năm " + std::to_string(year) + " đã chi " + group_thousands(s.year_vnd) + " đồng (" +
         std::to_string(s.sessions_in_year) + " lớp); từ đầu kế hoạch đến hết năm " + group_thousands(s.to_date_vnd) +
         " / " + group_thousands(s.budget_vnd) + " đồng (" + training_percent(s.used_percent) + ")";
}

}  // namespace

XlsxSheet yearly_training_sheet(const TrainingCoverageReport& r, const std::string& head) {
  XlsxSheet sheet;
  sheet.name = "Đào tạo";
  sheet.title_lines = {head, "Đào tạo, bồi dưỡng: độ bao phủ theo nhóm đối tượng và khóa học, thành viên ngày " + r.on.iso()};
  sheet.header = {"Kế hoạch", "Nhóm đối tượng", "Khóa học", "Thành viên", "Đã học", "Tỷ lệ (%)", "Chỉ tiêu", "Tình trạng"};
  sheet.number_formats = {"", "", "", "#,##0", "#,##0", "0.0", "", ""};
  sheet.landscape = true;
  for (const TrainingPlanCoverage& p : r.plans) {
    sheet.title_lines.push_back(p.id + ": " + spending_line(p, r.year));
    for (const TrainingCoverageRow& row : p.rows)
      sheet.rows.push_back({XlsxCell::text(p.id), XlsxCell::text(row.group.name_vi), XlsxCell::text(row.course.name_vi),
                            XlsxCell::number(double(row.coverage.members)), XlsxCell::number(double(row.coverage.covered)),
                            row.coverage.percent ? XlsxCell::number(*row.coverage.percent) : XlsxCell::empty(),
                            XlsxCell::text(target_text(row.target)), XlsxCell::text(met_text(row.coverage))});
  }
  if (r.plans.empty()) sheet.title_lines.push_back("Chưa có kế hoạch đào tạo nào bao gồm đơn vị này (danso training import).");
  return sheet;
}

std::string yearly_training_html(const TrainingCoverageReport& r) {
  std::string h = "<h2>5. Đào tạo, bồi dưỡng (thành viên ngày " + r.on.iso() + ")</h2>\n";
  if (r.plans.empty()) return h + "<p class=\"muted\">Chưa có kế hoạch đào tạo nào bao gồm đơn vị này.</p>\n";
  for (const TrainingPlanCoverage& p : r.plans) {
    h += "<p><b>" + html_escape(p.id) + "</b> — " + html_escape(p.title) + "</p>\n<table><tr><th>Nhóm đối tượng</th>"
         "<th>Khóa học</th><th>Đã học / thành viên</th><th>Tỷ lệ</th><th>Chỉ tiêu</th><th>Tình trạng</th></tr>\n";
    for (const TrainingCoverageRow& row : p.rows)
      h += "<tr><td>" + html_escape(row.group.name_vi) + "</td><td>" + html_escape(row.course.name_vi) + "</td><td class=\"n\">" +
           std::to_string(row.coverage.covered) + " / " + std::to_string(row.coverage.members) + "</td><td class=\"n\">" +
           training_percent(row.coverage.percent) + "</td><td>" + target_text(row.target) + "</td><td" +
           (row.coverage.percent && !row.coverage.target_met ? " class=\"s-missed\"" : "") + ">" + met_text(row.coverage) +
           "</td></tr>\n";
    h += "</table>\n<p>" + spending_line(p, r.year) + ".</p>\n";
  }
  return h;
}

}  // namespace danso
