#include "app/analysis/analysis.h"

#include <algorithm>
#include <thread>

#include "app/analysis/catalogue_view.h"

namespace danso::analysis {

namespace {

// The most periods an analysis keeps the counts of in the reporter, and the
// most the reporter may hold before an analysis keeps none it counts (about
// 7 MB a period at 1,000,000 persons: requests over ever new periods must
// not grow the snapshot's memory without end).
constexpr size_t kKeptPeriods = 24;
constexpr size_t kReporterPeriods = 36;

std::vector<const OrgUnit*> units_of(const UnitTree& tree, const AnalysisQuery& q, UnitId unit, Date on,
                                     const UnitFilter& visible) {
  std::vector<const OrgUnit*> out;
  if (q.units == UnitChoice::kSelf) {
    out.push_back(tree.find(unit));
    return out;
  }
  const std::vector<UnitId> ids = q.units == UnitChoice::kChildren ? tree.children_on(unit, on) : tree.subtree_on(unit, on);
  for (UnitId id : ids) {
    const OrgUnit* u = tree.find(id);
    if (!u || (q.units == UnitChoice::kLevel && u->kind != *q.level)) continue;
    if (visible && !visible(*u)) continue;
    out.push_back(u);
  }
  std::sort(out.begin(), out.end(), [](const OrgUnit* a, const OrgUnit* b) { return a->code < b->code; });
  return out;
}

}  // namespace

Result<AnalysisTable> compute_analysis(IndicatorReporter& reporter, const AnalysisQuery& q, const UnitFilter& visible) {
  const auto& snap = reporter.snapshot();
  const auto& catalogue = reporter.catalogue();
  AnalysisTable t;
  t.periods = q.periods;
  std::vector<size_t> defs;
  for (const auto& code : q.indicators) {
    const auto* def = catalogue.find(code);
    if (!def)
      return Error::invalid("indicators", "danh mục không có chỉ tiêu '" + code + "'",
                            "the catalogue has no indicator '" + code + "'");
    t.indicators.push_back(def);
    defs.push_back(size_t(def - catalogue.definitions().data()));
  }
  const Date on = q.periods.back().last;
  auto unit = snap.tree.resolve_or_error(q.unit, on, "unit");
  if (!unit) return unit.error();
  t.unit = snap.tree.find(*unit);
  t.units = units_of(snap.tree, q, *unit, on, visible);
  if (auto st = check_cells(t.indicators.size(), t.units.size(), t.periods.size()); !st) return st.error();

  t.cells.resize(t.indicators.size() * t.units.size() * t.periods.size());
  const size_t np = t.periods.size();
  for (size_t p = 0; p < np; ++p) {
    const Period& period = t.periods[p];
    // A long series (up to 120 periods, 7 MB of counts each at 1,000,000
    // persons), or one asked when the reporter holds many periods already,
    // keeps only the periods that were kept before it.
    const bool forget_after =
        !reporter.counted(period) && (np > kKeptPeriods || reporter.periods_kept() >= kReporterPeriods);
    auto evaluate = [&](size_t u) {
      const OrgUnit* unit_p = t.units[u];
      const int32_t slot = snap.slot_of(unit_p->id);
      if (slot < 0 || !unit_p->valid_on(period.last)) {
        for (size_t i = 0; i < defs.size(); ++i) {
          auto& cell = t.cells[(i * t.units.size() + u) * np + p];
          cell.unit = t.indicators[i]->unit;
          cell.flags.push_back("unit_not_valid");
        }
        return;
      }
      auto vals = reporter.values(slot, period, defs);
      for (size_t i = 0; i < vals.size(); ++i) t.cells[(i * t.units.size() + u) * np + p] = std::move(vals[i]);
    };
    // The period's counts (and pooled years, territory changes) are made by
    // the first unit's values; the others only read them, on all cores,
    // each unit's cells its own.
    if (!t.units.empty()) reporter.prepare(period, defs);
    const unsigned workers = t.units.size() < 16 ? 1u : std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < workers; ++w)
      pool.emplace_back([&, w] {
        for (size_t u = w; u < t.units.size(); u += workers) evaluate(u);
      });
    for (size_t u = 0; u < t.units.size(); u += workers) evaluate(u);
    for (auto& th : pool) th.join();
    if (forget_after) reporter.forget(period);
  }
  return t;
}

nlohmann::ordered_json analysis_json(const AnalysisTable& t) {
  nlohmann::ordered_json out;
  auto& indicators = out["indicators"] = nlohmann::ordered_json::array();
  for (const auto* def : t.indicators) indicators.push_back(indicator_heading_json(*def));
  auto& units = out["units"] = nlohmann::ordered_json::array();
  for (const OrgUnit* u : t.units) units.push_back({{"code", u->code}, {"name", u->name}, {"level", kUnitKinds.code(u->kind)}});
  auto& periods = out["periods"] = nlohmann::ordered_json::array();
  for (const auto& p : t.periods) periods.push_back({{"label", p.label}, {"from", p.first.iso()}, {"to", p.last.iso()}});
  auto& cells = out["cells"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < t.indicators.size(); ++i)
    for (size_t u = 0; u < t.units.size(); ++u)
      for (size_t p = 0; p < t.periods.size(); ++p) {
        const auto& v = t.cell(i, u, p);
        nlohmann::ordered_json c = {{"i", i}, {"u", u}, {"p", p}};
        if (v.value) c["v"] = *v.value;
        if (v.numerator) c["n"] = *v.numerator;
        if (v.denominator) c["d"] = *v.denominator;
        if (!v.flags.empty()) c["f"] = nlohmann::ordered_json(std::vector<std::string>(v.flags.begin(), v.flags.end()));
        cells.push_back(std::move(c));
      }
  return out;
}

}  // namespace danso::analysis
