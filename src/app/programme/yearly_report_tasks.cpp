#include "app/programme/yearly_report_tasks.h"

#include "app/export/html_escape.h"

namespace danso {

namespace {

std::string missed_text(const TaskView& v) {
  std::string out;
  for (int y : v.missed) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out;
}

std::string last_text(const TaskView& v) {
  if (!v.last) return "";
  return std::string(kTaskStatuses.label(v.last->status)) + " (" + std::to_string(v.last->year) + ", " + v.last->actor +
         ")" + (v.last->note.empty() ? "" : ": " + v.last->note);
}

}  // namespace

XlsxSheet yearly_tasks_sheet(const YearlyReport& r, const std::string& head) {
  XlsxSheet s;
  s.name = "Nhiệm vụ";
  s.title_lines = {head, "Nhiệm vụ các ban, ngành theo kế hoạch, tình trạng ngày " + r.on.iso()};
  s.header = {"Đơn vị", "Cơ quan", "Nhiệm vụ", "Đã báo cáo trong năm", "Hoàn thành", "Quá hạn"};
  s.number_formats = {"", "", "0", "0", "0", "0"};
  s.landscape = true;
  for (const AgencySummary& a : r.agencies)
    s.rows.push_back({XlsxCell::text(a.unit_code), XlsxCell::text(a.name.empty() ? a.agency : a.name),
                      XlsxCell::number(double(a.tasks)), XlsxCell::number(double(a.reported)),
                      XlsxCell::number(double(a.done)), XlsxCell::number(double(a.overdue))});
  if (r.tasks.empty()) s.title_lines.push_back("Chưa nhập nhiệm vụ nào cho đơn vị này (danso task import).");
  int64_t overdue = 0;
  for (const TaskView& v : r.tasks) overdue += v.state == "overdue";
  if (overdue > 0) {
    s.footer_rows.push_back({XlsxCell::text("Nhiệm vụ quá hạn (" + std::to_string(overdue) + ")")});
    for (const TaskView& v : r.tasks)
      if (v.state == "overdue")
        s.footer_rows.push_back({XlsxCell::text(v.unit_code), XlsxCell::text(v.agency_name.empty() ? v.task.agency : v.agency_name),
                                 XlsxCell::text(v.task.task_set + "/" + v.task.key + ": " + v.task.description_vi),
                                 XlsxCell::text("chưa xong năm " + missed_text(v)), XlsxCell::text(last_text(v))});
  }
  return s;
}

std::string yearly_tasks_html(const YearlyReport& r) {
  std::string h = "<h2>6. Nhiệm vụ các ban, ngành (tình trạng ngày " + r.on.iso() + ")</h2>\n";
  if (r.tasks.empty()) return h + "<p class=\"muted\">Chưa nhập nhiệm vụ nào cho đơn vị này.</p>\n";
  h += "<table><tr><th>Cơ quan</th><th>Nhiệm vụ</th><th>Đã báo cáo</th><th>Hoàn thành</th><th>Quá hạn</th></tr>\n";
  for (const AgencySummary& a : r.agencies)
    h += "<tr><td>" + html_escape(a.name.empty() ? a.agency : a.name) + " <span class=\"muted\">" + html_escape(a.unit_code) +
         "</span></td><td class=\"n\">" + std::to_string(a.tasks) + "</td><td class=\"n\">" + std::to_string(a.reported) +
         "</td><td class=\"n\">" + std::to_string(a.done) + "</td><td class=\"n" + (a.overdue > 0 ? " s-overdue" : "") + "\">" +
         std::to_string(a.overdue) + "</td></tr>\n";
  h += "</table>\n";
  std::string rows;
  for (const TaskView& v : r.tasks)
    if (v.state == "overdue")
      rows += "<tr><td>" + html_escape(v.agency_name.empty() ? v.task.agency : v.agency_name) + "</td><td>" +
              html_escape(v.task.description_vi) + " <span class=\"muted\">" + html_escape(v.task.task_set + "/" + v.task.key) +
              "</span></td><td class=\"s-overdue\">" + missed_text(v) + "</td><td>" + html_escape(last_text(v)) + "</td></tr>\n";
  if (rows.empty()) return h + "<p class=\"muted\">Không có nhiệm vụ quá hạn.</p>\n";
  return h + "<p><b>Nhiệm vụ quá hạn</b></p>\n<table><tr><th>Cơ quan</th><th>Nhiệm vụ</th><th>Chưa xong năm</th>"
             "<th>Báo cáo gần nhất</th></tr>\n" + rows + "</table>\n";
}

}  // namespace danso
