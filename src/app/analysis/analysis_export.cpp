#include "app/analysis/analysis_export.h"

#include <array>
#include <cmath>

#include "app/export/file_names.h"

namespace danso::analysis {

namespace {

// Printed landscape from this many columns on.
constexpr size_t kLandscapeFrom = 8;

const char* dim_heading(PivotDim d, bool english) {
  switch (d) {
    case PivotDim::kIndicator: return english ? "Indicator" : "Chỉ tiêu";
    case PivotDim::kUnit: return english ? "Unit" : "Đơn vị";
    case PivotDim::kPeriod: return english ? "Period" : "Kỳ";
  }
  return "";
}

size_t dim_size(const AnalysisTable& t, PivotDim d) {
  switch (d) {
    case PivotDim::kIndicator: return t.indicators.size();
    case PivotDim::kUnit: return t.units.size();
    case PivotDim::kPeriod: return t.periods.size();
  }
  return 0;
}

std::string dim_label(const AnalysisTable& t, PivotDim d, size_t k, bool english) {
  switch (d) {
    case PivotDim::kIndicator: return english ? t.indicators[k]->en : t.indicators[k]->vi;
    case PivotDim::kUnit: return t.units[k]->name;
    case PivotDim::kPeriod: return t.periods[k].label;
  }
  return "";
}

// Every combination of positions of `dims`, the first dimension outermost.
std::vector<std::vector<size_t>> combinations(const AnalysisTable& t, const std::vector<PivotDim>& dims) {
  std::vector<std::vector<size_t>> out{{}};
  for (PivotDim d : dims) {
    std::vector<std::vector<size_t>> next;
    for (const auto& prefix : out)
      for (size_t k = 0; k < dim_size(t, d); ++k) {
        next.push_back(prefix);
        next.back().push_back(k);
      }
    out = std::move(next);
  }
  return out;
}

}  // namespace

double rounded_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

XlsxSheet analysis_sheet(const AnalysisTable& t, const AnalysisQuery& q, bool english) {
  XlsxSheet s;
  s.name = english ? "Analysis" : "Phân tích";
  const std::string unit_name = t.unit ? t.unit->name : q.unit;
  s.title_lines = {english ? "Population indicator analysis" : "Phân tích chỉ tiêu dân số",
                   unit_name + ", " + t.periods.front().label +
                       (t.periods.size() > 1 ? " – " + t.periods.back().label : std::string())};
  const auto row_keys = combinations(t, q.rows), col_keys = combinations(t, q.columns);
  const size_t labels = q.rows.size();
  // Header rows: one per column dimension (the last in `header`), with the
  // row dimensions' headings on the last.
  for (size_t level = 0; level < q.columns.size(); ++level) {
    std::vector<std::string> line(labels, "");
    if (level + 1 == q.columns.size())
      for (size_t r = 0; r < labels; ++r) line[r] = dim_heading(q.rows[r], english);
    for (const auto& key : col_keys) line.push_back(dim_label(t, q.columns[level], key[level], english));
    if (level + 1 == q.columns.size()) s.header = std::move(line);
    else s.header_above.push_back(std::move(line));
  }
  if (q.columns.empty()) {
    for (PivotDim d : q.rows) s.header.push_back(dim_heading(d, english));
    s.header.push_back(english ? "Value" : "Giá trị");
  }
  s.label_columns = labels;
  for (const auto& rk : row_keys) {
    XlsxRow row;
    for (size_t r = 0; r < labels; ++r) row.push_back(XlsxCell::text(dim_label(t, q.rows[r], rk[r], english)));
    for (const auto& ck : col_keys) {
      std::array<size_t, 3> at{};  // indicator, unit, period
      for (size_t r = 0; r < labels; ++r) at[size_t(q.rows[r])] = rk[r];
      for (size_t c = 0; c < q.columns.size(); ++c) at[size_t(q.columns[c])] = ck[c];
      const auto& v = t.cell(at[0], at[1], at[2]);
      const int decimals = t.indicators[at[0]]->precision;
      row.push_back(v.value ? XlsxCell::number(rounded_to(*v.value, decimals), decimals) : XlsxCell::empty());
    }
    s.rows.push_back(std::move(row));
  }
  s.a4_print = true;
  s.landscape = s.header.size() >= kLandscapeFrom;
  return s;
}

std::string analysis_file_stem(const AnalysisTable& t, const AnalysisQuery& q) {
  std::vector<std::string> parts = {t.unit ? t.unit->name : q.unit, t.periods.front().label};
  if (t.periods.size() > 1) parts.push_back(t.periods.back().label);
  return download_stem("analysis", parts);
}

}  // namespace danso::analysis
