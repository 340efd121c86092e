#include "app/export/table_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "app/csv/csv_writer.h"

namespace danso {
namespace {

XlsxCell cell_of(const nlohmann::ordered_json& v) {
  if (v.is_string()) return XlsxCell::text(v.get<std::string>());
  if (v.is_boolean()) return XlsxCell::number(v.get<bool>() ? 1 : 0);
  if (v.is_number()) return XlsxCell::number(v.get<double>());
  if (v.is_null()) return XlsxCell::empty();
  return XlsxCell::text(v.dump());
}

std::string text_of(const XlsxCell& c) {
  switch (c.kind) {
    case XlsxCell::Kind::kText: return c.str;
    case XlsxCell::Kind::kEmpty: return {};
    case XlsxCell::Kind::kNumber: {
      char buf[48];
      if (c.decimals >= 0) std::snprintf(buf, sizeof buf, "%.*f", c.decimals, c.num);
      else std::snprintf(buf, sizeof buf, "%.15g", c.num);
      return buf;
    }
  }
  return {};
}

// A figure rounded as the dashboard shows it (`digits` decimals); null stays null.
nlohmann::ordered_json rounded_as_shown(const nlohmann::ordered_json& v, int digits) {
  if (!v.is_number()) return v;
  const double scale = std::pow(10.0, std::clamp(digits, 0, 6));
  const double r = std::round(v.get<double>() * scale) / scale;
  if (digits == 0 || r == std::floor(r)) return int64_t(r);
  return r;
}

// The decimals an indicator is shown with: its catalogue's, else 2.
int precision_of(const analytics::IndicatorCatalogue& catalogue, const std::string& code) {
  const auto* def = catalogue.find(code);
  return def ? def->precision : 2;
}

}  // namespace

XlsxSheet sheet_from_objects(std::string name, const nlohmann::ordered_json& rows) {
  XlsxSheet s;
  s.name = std::move(name);
  for (const auto& row : rows)
    for (const auto& [key, value] : row.items())
      if (std::find(s.header.begin(), s.header.end(), key) == s.header.end()) s.header.push_back(key);
  s.rows.reserve(rows.size());
  for (const auto& row : rows) {
    XlsxRow r;
    r.reserve(s.header.size());
    for (const std::string& key : s.header) r.push_back(row.contains(key) ? cell_of(row[key]) : XlsxCell::empty());
    s.rows.push_back(std::move(r));
  }
  return s;
}

nlohmann::ordered_json indicator_rows(const nlohmann::ordered_json& report,
                                      const analytics::IndicatorCatalogue& catalogue) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  auto add_unit = [&](const nlohmann::ordered_json& u) {
    for (const auto& [code, v] : u.at("indicators").items()) {
      std::string flags;
      for (const auto& f : v.at("flags")) flags += (flags.empty() ? "" : ";") + f.get<std::string>();
      rows.push_back({{"unit", u.at("unit")},
                      {"name", u.at("name")},
                      {"period", u.at("period")},
                      {"indicator", code},
                      {"value", rounded_as_shown(v.at("value"), precision_of(catalogue, code))},
                      {"numerator", rounded_as_shown(v.at("numerator"), 2)},
                      {"denominator", rounded_as_shown(v.at("denominator"), 1)},
                      {"unit_of_measure", v.at("unit")},
                      {"flags", flags}});
    }
  };
  if (report.is_array())
    for (const auto& u : report) add_unit(u);
  else
    add_unit(report);
  return rows;
}

std::string sheet_csv(const XlsxSheet& sheet) {
  std::ostringstream out;
  out << kUtf8Bom;
  CsvWriter w(out);
  for (const auto& above : sheet.header_above) w.row(std::vector<std::string_view>(above.begin(), above.end()));
  w.row(std::vector<std::string_view>(sheet.header.begin(), sheet.header.end()));
  auto write = [&](const XlsxRow& r) {
    std::vector<std::string> texts;
    texts.reserve(r.size());
    for (const XlsxCell& c : r) texts.push_back(text_of(c));
    w.row(std::vector<std::string_view>(texts.begin(), texts.end()));
  };
  for (const XlsxRow& r : sheet.rows) write(r);
  if (sheet.total) write(*sheet.total);
  return out.str();
}

}  // namespace danso
