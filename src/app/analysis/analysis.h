// A free analysis computed from the register snapshot: for each indicator,
// unit and period of an AnalysisQuery the value GET /api/v1/indicators
// gives for that unit and period, as one table (i-major, then unit, then
// period), and that table as the JSON of GET /api/v1/analysis.
//
//   auto t = compute_analysis(reporter, query, [&](const OrgUnit& u) { return in_scope(u); });
//   t->cell(i, u, p).value;
#pragma once

#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/analysis/analysis_query.h"
#include "app/indicator_report.h"

namespace danso::analysis {

struct AnalysisTable {
  const OrgUnit* unit = nullptr;  // the query's unit
  std::vector<const analytics::IndicatorDefinition*> indicators;
  std::vector<const OrgUnit*> units;
  std::vector<Period> periods;
  std::vector<analytics::IndicatorValue> cells;  // indicator-major, then unit, then period
  const analytics::IndicatorValue& cell(size_t i, size_t u, size_t p) const {
    return cells[(i * units.size() + u) * periods.size() + p];
  }
};

// Whether the caller may see a unit (children and the units of a level are
// those of the caller's scope; the query's own unit was checked before).
using UnitFilter = std::function<bool(const OrgUnit&)>;

// The units are those valid on the last period's last day: the query's
// unit (404 when no unit has its code then), its children, or every unit of
// the level under it, by code. A unit not valid on an earlier period's last
// day has no values then (flag "unit_not_valid"). 400 past kMaxCells.
Result<AnalysisTable> compute_analysis(IndicatorReporter& reporter, const AnalysisQuery& query, const UnitFilter& visible);

// {"indicators":[{"code","vi","en","unit","precision"}], "units":[{"code","name","level"}],
//  "periods":[{"label","from","to"}], "cells":[{"i","u","p","v","n","d","f"}]}
nlohmann::ordered_json analysis_json(const AnalysisTable& table);

}  // namespace danso::analysis
