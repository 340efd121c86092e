// The work lists as a printable page: A4 portrait, one section per list
// (each starts on a new page), the table's heading repeated on every printed
// page, rows never split, and an empty last column for the collaborator to
// tick off the visit by hand.
#include <cctype>

#include "app/export/html_escape.h"
#include "app/worklists/worklists.h"

namespace danso::worklists {

namespace {

const char* const kWorklistPrintCss =
    "@page { size: A4 portrait; margin: 10mm 10mm 12mm 10mm; }\n"
    "body { font-family: 'Times New Roman', 'DejaVu Serif', serif; font-size: 11pt; color: #000; margin: 0; }\n"
    "section.list { break-after: page; }\n"
    "section.list:last-of-type { break-after: auto; }\n"
    "h1 { font-size: 13pt; text-align: center; margin: 2mm 0 1mm; }\n"
    ".sub { text-align: center; font-style: italic; margin: 0 0 3mm; }\n"
    "table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10pt; line-height: 1.25; }\n"
    "col.stt { width: 10mm; } col.name { width: 38mm; } col.age { width: 11mm; } col.home { width: 36mm; }\n"
    "col.village { width: 26mm; } col.done { width: 13mm; }\n"
    "th, td { border: 1px solid #000; padding: 1px 3px; vertical-align: top; overflow-wrap: break-word; }\n"
    "th { font-weight: bold; text-align: center; }\n"
    "td.c { text-align: center; }\n"
    "tr { break-inside: avoid; } thead { display: table-header-group; }\n"
    ".none { font-style: italic; }\n"
    "@media screen { body { background: #eee; } section.list { background: #fff; max-width: 190mm; "
    "margin: 8px auto; padding: 10mm; box-shadow: 0 0 4px #999; } }\n";

struct WorklistWords {
  const char* lang;
  const char* title;
  const char* on;
  const char* heads[7];
  const char* none;
  const char* household;
  const char* total;
};

constexpr WorklistWords kWorklistVi{"vi",
                                    "Danh sách cần làm",
                                    "Tính đến ngày",
                                    {"STT", "Họ và tên", "Tuổi", "Hộ, địa chỉ", "Thôn", "Lý do", "Đã làm"},
                                    "Không có ai trong danh sách này.",
                                    "Hộ",
                                    "Tổng số"};
constexpr WorklistWords kWorklistEn{"en",
                                    "Work lists",
                                    "As of",
                                    {"No.", "Name", "Age", "Household, address", "Village", "Why", "Done"},
                                    "Nobody is on this list.",
                                    "Household",
                                    "Total"};

}  // namespace

std::string lists_html(const Lists& lists, const std::string& unit_name, bool english) {
  const WorklistWords& w = english ? kWorklistEn : kWorklistVi;
  const auto e = [](std::string_view s) { return html_escape(s); };
  std::string h = std::string("<!DOCTYPE html>\n<html lang=\"") + w.lang + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                  e(std::string(w.title) + " - " + unit_name + " - " + lists.on.iso()) + "</title>\n<style>\n" +
                  kWorklistPrintCss + "</style>\n</head>\n<body>\n";
  const std::string day = english ? lists.on.iso() : lists.on.dmy();
  for (const auto& kind : kWorklistKinds.entries()) {
    if (lists.only && *lists.only != kind.value) continue;
    std::string title = english ? worklist_title_en(kind.value) : kind.label;
    if (!title.empty()) title[0] = char(std::toupper(static_cast<unsigned char>(title[0])));
    h += std::string("<section class=\"list\" data-list=\"") + kind.code + "\">\n<h1>" + e(title) + "</h1>\n<p class=\"sub\">" +
         e(unit_name) + " &middot; " + w.on + " " + day + " &middot; " + w.total + ": " +
         std::to_string(lists.counts[size_t(kind.value)]) + "</p>\n";
    h += "<table>\n<colgroup><col class=\"stt\"><col class=\"name\"><col class=\"age\"><col class=\"home\">"
         "<col class=\"village\"><col class=\"why\"><col class=\"done\"></colgroup>\n<thead><tr>";
    for (const char* head : w.heads) h += std::string("<th>") + head + "</th>";
    h += "</tr></thead>\n<tbody>\n";
    int n = 0;
    for (const Row& r : lists.rows) {
      if (r.entry.kind != kind.value) continue;
      const std::string age = r.entry.age >= 0 ? std::to_string(r.entry.age)
                              : r.birth_date ? std::to_string(age_in_years(*r.birth_date, lists.on))
                                             : "";
      h += "<tr><td class=\"c\">" + std::to_string(++n) + "</td><td>" + e(r.name) + "</td><td class=\"c\">" + age +
           "</td><td>" + w.household + " " + std::to_string(r.entry.household.value) + (r.address.empty() ? "" : ", ") +
           e(r.address) + "</td><td>" + e(r.village_name) + "</td><td>" +
           e(english ? r.entry.reason_en : r.entry.reason_vi) + "</td><td></td></tr>\n";
    }
    if (n == 0) h += std::string("<tr><td colspan=\"7\" class=\"none\">") + w.none + "</td></tr>\n";
    h += "</tbody>\n</table>\n</section>\n";
  }
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace danso::worklists
