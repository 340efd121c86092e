// What a free analysis asks for (GET /api/v1/analysis, and a favourite's
// spec): indicators of the catalogue, units (a unit, its children, or every
// unit of a level under it) and periods (a list, or consecutive months,
// quarters or years from one period to another), with the dimensions a
// pivot table puts in its rows and columns. Parsed and checked here, once,
// from text parameters, with a clear error in Vietnamese and English.
//
//   auto q = parse_analysis_query({{"indicators","tfr,cbr"},{"unit","99001"},
//                                  {"from","2025-01"},{"to","2025-12"},{"every","month"}}, catalogue);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/indicator_catalogue.h"
#include "core/period.h"
#include "core/result.h"
#include "core/unit.h"

namespace danso::analysis {

enum class UnitChoice { kSelf, kChildren, kLevel };
enum class PivotDim { kIndicator, kUnit, kPeriod };
const char* pivot_dim_name(PivotDim dim);  // "indicator", "unit", "period"

inline constexpr size_t kMaxIndicators = 50;
inline constexpr size_t kMaxPeriods = 120;
inline constexpr size_t kMaxCells = 200'000;  // indicators × units × periods

struct AnalysisQuery {
  std::vector<std::string> indicators;  // catalogue codes, each once, in the order asked
  std::string unit;
  UnitChoice units = UnitChoice::kSelf;
  std::optional<UnitKind> level;  // with kLevel: district, commune or village
  std::vector<Period> periods;
  std::vector<PivotDim> rows = {PivotDim::kUnit, PivotDim::kIndicator};
  std::vector<PivotDim> columns = {PivotDim::kPeriod};
  // The same query in one canonical text (for memoising its answer).
  std::string key() const;
};

using AnalysisParams = std::map<std::string, std::string>;

// `indicators` (comma list, 1-50), `unit`, `units` (self|children|level,
// default self), `level` (with units=level), `periods` (comma list, 1-120)
// or `from`, `to` and `every` (month|quarter|year), `rows` and `columns`
// (comma lists of indicator, unit, period: each once in all).
Result<AnalysisQuery> parse_analysis_query(const AnalysisParams& params, const analytics::IndicatorCatalogue& catalogue);
// The consecutive periods of kind `every` from the one holding from's first
// day to the one holding to's last (at most kMaxPeriods).
Result<std::vector<Period>> periods_between(const Period& from, const Period& to, const std::string& every);
// 400 when indicators × units × periods is more than kMaxCells.
Status check_cells(size_t indicators, size_t units, size_t periods);

}  // namespace danso::analysis
