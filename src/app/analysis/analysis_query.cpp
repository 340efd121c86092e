#include "app/analysis/analysis_query.h"

#include <algorithm>
#include <cstdio>


namespace danso::analysis {

namespace {

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string param_of(const AnalysisParams& params, const char* name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

Result<std::vector<std::string>> indicators_of(const std::string& text, const analytics::IndicatorCatalogue& catalogue) {
  if (text.empty())
    return Error::invalid("indicators", "thiếu tham số 'indicators' (các mã chỉ tiêu, cách nhau bằng dấu phẩy)",
                          "the parameter 'indicators' is missing (indicator codes separated by commas)");
  std::vector<std::string> out;
  for (const auto& code : comma_list(text)) {
    if (!catalogue.find(code))
      return Error::invalid("indicators", "danh mục không có chỉ tiêu '" + code + "'",
                            "the catalogue has no indicator '" + code + "'");
    if (std::find(out.begin(), out.end(), code) != out.end())
      return Error::invalid("indicators", "chỉ tiêu '" + code + "' được chọn hai lần",
                            "the indicator '" + code + "' is chosen twice");
    out.push_back(code);
  }
  if (out.size() > kMaxIndicators)
    return Error::invalid("indicators", "chọn nhiều nhất 50 chỉ tiêu", "choose at most 50 indicators");
  return out;
}

Result<PivotDim> dim_of(const std::string& text, const char* field) {
  if (text == "indicator") return PivotDim::kIndicator;
  if (text == "unit") return PivotDim::kUnit;
  if (text == "period") return PivotDim::kPeriod;
  return Error::invalid(field, std::string("'") + field + "' chỉ gồm indicator, unit, period (không có '" + text + "')",
                        std::string("'") + field + "' lists only indicator, unit and period (not '" + text + "')");
}

Status pivot_of(const AnalysisParams& params, AnalysisQuery& q) {
  const std::string rows = param_of(params, "rows"), columns = param_of(params, "columns");
  if (rows.empty() && columns.empty()) return {};
  q.rows.clear();
  q.columns.clear();
  for (auto [text, field, out] : {std::tuple{rows, "rows", &q.rows}, std::tuple{columns, "columns", &q.columns}}) {
    if (text.empty()) continue;
    for (const auto& d : comma_list(text)) {
      auto dim = dim_of(d, field);
      if (!dim) return dim.error();
      out->push_back(*dim);
    }
  }
  for (PivotDim d : {PivotDim::kIndicator, PivotDim::kUnit, PivotDim::kPeriod}) {
    const auto n = std::count(q.rows.begin(), q.rows.end(), d) + std::count(q.columns.begin(), q.columns.end(), d);
    if (n != 1)
      return Error::invalid("rows",
                            std::string("mỗi chiều (indicator, unit, period) phải có đúng một lần trong 'rows' và "
                                        "'columns'; '") + pivot_dim_name(d) + "' có " + std::to_string(n) + " lần",
                            std::string("each dimension (indicator, unit, period) must be in 'rows' or 'columns' "
                                        "exactly once; '") + pivot_dim_name(d) + "' is there " + std::to_string(n) +
                                " times");
  }
  return {};
}

Status periods_of(const AnalysisParams& params, AnalysisQuery& q) {
  const std::string list = param_of(params, "periods"), from = param_of(params, "from"), to = param_of(params, "to"),
                    every = param_of(params, "every");
  if (!list.empty()) {
    if (!from.empty() || !to.empty() || !every.empty())
      return Error::invalid("periods", "chỉ dùng 'periods' hoặc 'from', 'to', 'every', không dùng cả hai",
                            "give either 'periods' or 'from', 'to' and 'every', not both");
    for (const auto& text : comma_list(list)) {
      auto p = Period::parse(text);
      if (!p) return Error::invalid("periods", p.error().vi, p.error().en);
      q.periods.push_back(std::move(*p));
    }
    if (q.periods.size() > kMaxPeriods)
      return Error::invalid("periods", "chọn nhiều nhất 120 kỳ", "choose at most 120 periods");
    return {};
  }
  if (from.empty() && to.empty())
    return Error::invalid("periods", "thiếu tham số 'periods' hoặc 'from' và 'to'",
                          "the parameter 'periods', or 'from' and 'to', is missing");
  for (auto [text, name] : {std::pair{from, "from"}, std::pair{to, "to"}})
    if (text.empty())
      return Error::invalid(name, std::string("thiếu tham số '") + name + "'", std::string("the parameter '") + name + "' is missing");
  auto first = Period::parse(from);
  if (!first) return Error::invalid("from", first.error().vi, first.error().en);
  auto last = Period::parse(to);
  if (!last) return Error::invalid("to", last.error().vi, last.error().en);
  auto periods = periods_between(*first, *last, every.empty() ? "month" : every);
  if (!periods) return periods.error();
  q.periods = std::move(*periods);
  return {};
}

}  // namespace

const char* pivot_dim_name(PivotDim dim) {
  switch (dim) {
    case PivotDim::kIndicator: return "indicator";
    case PivotDim::kUnit: return "unit";
    case PivotDim::kPeriod: return "period";
  }
  return "";
}

Result<std::vector<Period>> periods_between(const Period& from, const Period& to, const std::string& every) {
  if (every != "month" && every != "quarter" && every != "year")
    return Error::invalid("every", "tham số 'every' phải là month, quarter hoặc year",
                          "the parameter 'every' must be month, quarter or year");
  if (to.last < from.first)
    return Error::invalid("to", "kỳ 'to' kết thúc trước khi kỳ 'from' bắt đầu", "the period 'to' ends before 'from' starts");
  const int step = every == "month" ? 1 : every == "quarter" ? 3 : 12;
  // Months counted from year 0, at the start of the period holding from's first day.
  int m = from.first.year() * 12 + from.first.month() - 1;
  m -= (m % 12) % step;
  const int end = to.last.year() * 12 + to.last.month() - 1;
  std::vector<Period> out;
  for (; m <= end; m += step) {
    if (out.size() == kMaxPeriods)
      return Error::invalid("to", "từ 'from' đến 'to' có hơn 120 kỳ", "there are more than 120 periods from 'from' to 'to'");
    char label[16];
    const int year = m / 12, month = m % 12 + 1;
    if (step == 1) std::snprintf(label, sizeof label, "%04d-%02d", year, month);
    else if (step == 3) std::snprintf(label, sizeof label, "%04d-Q%d", year, (month - 1) / 3 + 1);
    else std::snprintf(label, sizeof label, "%04d", year);
    auto p = Period::parse(label);
    if (!p) return p.error();
    out.push_back(std::move(*p));
  }
  return out;
}

Status check_cells(size_t indicators, size_t units, size_t periods) {
  const size_t cells = indicators * units * periods;
  if (cells <= kMaxCells) return {};
  return Error::invalid("indicators",
                        "bảng có " + std::to_string(cells) + " ô (chỉ tiêu × đơn vị × kỳ), quá 200.000 ô; hãy chọn ít "
                        "chỉ tiêu, đơn vị hoặc kỳ hơn",
                        "the table has " + std::to_string(cells) + " cells (indicators × units × periods), more than "
                        "200,000; choose fewer indicators, units or periods");
}

Result<AnalysisQuery> parse_analysis_query(const AnalysisParams& params, const analytics::IndicatorCatalogue& catalogue) {
  AnalysisQuery q;
  auto indicators = indicators_of(param_of(params, "indicators"), catalogue);
  if (!indicators) return indicators.error();
  q.indicators = std::move(*indicators);
  q.unit = param_of(params, "unit");
  if (q.unit.empty()) return Error::invalid("unit", "thiếu tham số 'unit'", "the parameter 'unit' is missing");
  const std::string units = param_of(params, "units"), level = param_of(params, "level");
  if (units.empty() || units == "self") q.units = UnitChoice::kSelf;
  else if (units == "children") q.units = UnitChoice::kChildren;
  else if (units == "level") q.units = UnitChoice::kLevel;
  else
    return Error::invalid("units", "tham số 'units' phải là self, children hoặc level",
                          "the parameter 'units' must be self, children or level");
  if (q.units == UnitChoice::kLevel) {
    if (level == "district") q.level = UnitKind::kDistrict;
    else if (level == "commune") q.level = UnitKind::kCommune;
    else if (level == "village") q.level = UnitKind::kVillage;
    else
      return Error::invalid("level", "với units=level, tham số 'level' phải là district, commune hoặc village",
                            "with units=level, the parameter 'level' must be district, commune or village");
  } else if (!level.empty()) {
    return Error::invalid("level", "tham số 'level' chỉ dùng với units=level", "the parameter 'level' goes with units=level only");
  }
  if (auto st = periods_of(params, q); !st) return st.error();
  if (auto st = pivot_of(params, q); !st) return st.error();
  if (auto st = check_cells(q.indicators.size(), 1, q.periods.size()); !st) return st.error();
  return q;
}

std::string AnalysisQuery::key() const {
  std::string k = unit + "\n" + std::to_string(int(units)) + "\n" + (level ? std::to_string(int(*level)) : "") + "\n";
  for (const auto& i : indicators) k += i + ",";
  k += "\n";
  for (const auto& p : periods) k += p.label + ",";
  k += "\n";
  for (PivotDim d : rows) k += pivot_dim_name(d) + std::string(",");
  k += "/";
  for (PivotDim d : columns) k += pivot_dim_name(d) + std::string(",");
  return k;
}

}  // namespace danso::analysis
