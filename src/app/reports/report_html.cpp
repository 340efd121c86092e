// A report as a printable HTML page (app/reports/report_form.h layout): the
// browser's print gives a clean A4 PDF. The table's heading repeats on every
// printed page (thead), rows are never split, and each form of a document
// starts on a new page in the orientation its columns need (named pages).
// The monthly form (rows 1-14, 31 lines) fits one portrait page with its
// heading and signature block; with more than five villages it is printed
// landscape on two pages, the table's heading repeated on the second.
#include <string_view>

#include "app/export/html_escape.h"
#include "app/reports/report_form.h"

namespace danso::reports {

namespace {

const char* const kReportPrintCss =
    "@page { size: A4 portrait; margin: 10mm 10mm 12mm 10mm; }\n"
    "@page wide { size: A4 landscape; margin: 10mm 10mm 12mm 10mm; }\n"
    "body { font-family: 'Times New Roman', 'DejaVu Serif', serif; font-size: 11pt; color: #000; margin: 0; }\n"
    ".form { break-after: page; }\n"
    ".form.wide { page: wide; }\n"
    ".form:last-of-type { break-after: auto; }\n"
    ".heading { display: flex; justify-content: space-between; gap: 8mm; }\n"
    ".heading div { line-height: 1.35; }\n"
    ".nation { text-align: center; font-weight: bold; }\n"
    ".nation .motto { text-decoration: underline; }\n"
    "h1 { font-size: 13pt; text-align: center; margin: 4mm 0 1mm; }\n"
    ".period { text-align: center; font-weight: bold; font-style: italic; margin: 0; }\n"
    ".version { text-align: center; font-size: 9pt; font-style: italic; margin: 0 0 3mm; }\n"
    "table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10pt; line-height: 1.2; }\n"
    "col.stt { width: 9mm; } col.label { width: 76mm; } col.unit { width: 14mm; } col.total { width: 17mm; }\n"
    "th.area { font-size: 8pt; font-weight: normal; }\n"
    "th, td { border: 1px solid #000; padding: 1px 3px; vertical-align: middle; }\n"
    "th { font-weight: bold; text-align: center; }\n"
    "thead tr.letters th { font-weight: normal; font-style: italic; font-size: 9pt; }\n"
    "td.n { text-align: right; white-space: nowrap; } td.c { text-align: center; }\n"
    "td.total { font-weight: bold; } td.sub { padding-left: 14px; } tr.among td { font-style: italic; }\n"
    "tr { break-inside: avoid; } thead { display: table-header-group; }\n"
    ".signatures { display: flex; justify-content: space-between; margin-top: 3mm; break-inside: avoid; }\n"
    ".signatures div { text-align: center; width: 45%; }\n"
    ".signatures .place { font-style: italic; } .signatures .note { font-style: italic; font-size: 10pt; }\n"
    ".missing { break-before: page; }\n"
    "@media screen { body { background: #eee; } .form, .missing { background: #fff; max-width: 277mm; "
    "margin: 8px auto; padding: 10mm; box-shadow: 0 0 4px #999; } }\n";

std::string report_group_digits(int64_t v) {
  std::string s = std::to_string(v < 0 ? -v : v);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(size_t(i), ".");
  return v < 0 ? "-" + s : s;
}

// A cell of the table: the number, or empty for a row the version lacks.
std::string report_cell_text(const std::optional<int64_t>& v) { return v ? report_group_digits(*v) : std::string(); }

std::string report_form_html(const Report& r) {
  const auto e = [](std::string_view s) { return html_escape(s); };
  const FormLayout f = form_layout(r);
  std::string h = std::string("<section class=\"form") + (f.landscape() ? " wide" : "") + "\" data-unit=\"" + e(r.unit_code) +
                  "\">\n<div class=\"heading\"><div><b>" + e(f.form_code) + "</b><br>" + e(f.reporting_unit) + "<br>" +
                  e(f.receiving_unit) + "<br>" + e(f.number_line) + "</div>\n<div class=\"nation\">" + e(f.national) +
                  "<br><span class=\"motto\">" + e(f.motto) + "</span></div></div>\n";
  h += "<h1>" + e(f.title) + "</h1>\n<p class=\"period\">" + e(f.period_words) + "</p>\n<p class=\"version\">" +
       e(f.version_line) + "</p>\n";
  const std::string span = f.areas.empty() ? "" : " rowspan=\"2\"";
  h += "<table>\n<colgroup><col class=\"stt\"><col class=\"label\"><col class=\"unit\"><col class=\"total\">";
  for (size_t a = 0; a < f.areas.size(); ++a) h += "<col>";
  h += "</colgroup>\n<thead>\n<tr><th" + span + ">STT</th><th" + span + ">Chỉ tiêu</th><th" + span + ">Đơn vị tính</th><th" +
       span + ">Tổng số</th>";
  if (!f.areas.empty()) {
    h += "<th colspan=\"" + std::to_string(f.areas.size()) + "\">" + e(f.area_heading) + "</th></tr>\n<tr>";
    for (const std::string& a : f.areas) h += "<th class=\"area\">" + e(a) + "</th>";
  }
  h += "</tr>\n<tr class=\"letters\"><th>A</th><th>B</th><th>C</th>";
  for (size_t c = 1; c <= f.areas.size() + 1; ++c) h += "<th>" + std::to_string(c) + "</th>";
  h += "</tr>\n</thead>\n<tbody>\n";
  for (const FormLine& line : f.lines) {
    if (!line.column) {
      h += "<tr class=\"among\"><td></td><td class=\"sub\">" + e(line.label) + "</td><td></td><td></td>";
      for (size_t a = 0; a < f.areas.size(); ++a) h += "<td></td>";
      h += "</tr>\n";
      continue;
    }
    h += "<tr><td class=\"c\">" + e(line.number) + "</td><td" + (line.sub ? " class=\"sub\"" : "") + ">" + e(line.label) +
         "</td><td class=\"c\">" + e(line.unit) + "</td><td class=\"n total\">" +
         report_cell_text(f.value(r, line, -1)) + "</td>";
    for (size_t a = 0; a < f.areas.size(); ++a)
      h += "<td class=\"n\">" + report_cell_text(f.value(r, line, int(a))) + "</td>";
    h += "</tr>\n";
  }
  h += "</tbody>\n</table>\n<div class=\"signatures\"><div><br><b>" + e(f.preparer) + "</b><br><span class=\"note\">" +
       e(f.preparer_note) + "</span></div>\n<div><span class=\"place\">" + e(f.place_date) +
       "</span><br><b>" + e(f.head) + "</b><br><span class=\"note\">" + e(f.head_note) +
       "</span></div></div>\n</section>\n";
  return h;
}

}  // namespace

std::string reports_html(const std::vector<Report>& forms, const std::string& title, const std::vector<std::string>& missing) {
  std::string h = "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n<title>" + html_escape(title) +
                  "</title>\n<style>\n" + kReportPrintCss + "</style></head><body>\n";
  for (const Report& r : forms) h += report_form_html(r);
  if (!missing.empty()) {
    h += "<div class=\"missing\"><p><b>Chưa có báo cáo của:</b></p><ul>\n";
    for (const std::string& m : missing) h += "<li>" + html_escape(m) + "</li>\n";
    h += "</ul></div>\n";
  }
  h += "</body></html>\n";
  return h;
}

std::string report_html(const Report& r) {
  return reports_html({r}, form_layout(r).title + " - " + r.unit_name + " - " + period_in_words(r.record.period));
}

}  // namespace danso::reports
