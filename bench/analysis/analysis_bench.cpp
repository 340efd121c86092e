// Free analysis benchmark (GET /api/v1/analysis without HTTP): after the
// register snapshot is loaded, a pivot of 20 indicators × every commune of
// the province × the 12 months of a year, computed by a fresh reporter each
// run (so every month's counts are made again, as after a reload) and
// rendered as the route's JSON and gzip-compressed as the route sends it to
// a browser; then the same asked again of the reporter that has the counts. Median, p90 and max of RUNS, for two sets of 20
// indicators: the catalogue's first 20, and 20 with the life table (e0),
// TFR and median age in them.
//
//   analysis_bench DB YEAR [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "analytics/register_snapshot.h"
#include "app/analysis/analysis.h"
#include "http/compression.h"
#include "store/sqlite/sqlite_store.h"

using namespace danso;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Spread {
  double median, p90, max;
};

static Spread spread(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const double med = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  return {med, v[std::min(v.size() - 1, size_t(double(v.size()) * 0.9))], v.back()};
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: analysis_bench DB YEAR [RUNS]\n");
    return 2;
  }
  const std::string year = argv[2];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 11;
  const auto catalogue = analytics::IndicatorCatalogue::defaults();
  auto store = open_sqlite_store(argv[1]);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().en.c_str());
    return 2;
  }
  auto t0 = Clock::now();
  const auto snap = analytics::RegisterSnapshot::load(**store);
  const double load_ms = ms_since(t0);
  auto from = Period::parse(year + "-01"), to = Period::parse(year + "-12");
  if (!from || !to) {
    std::fprintf(stderr, "bad year %s\n", year.c_str());
    return 2;
  }
  std::string province;
  for (const OrgUnit* u : snap.tree.valid_on(to->last))
    if (u->kind == UnitKind::kProvince) province = u->code;

  std::vector<std::string> first20, with_methods = {"tfr", "e0", "median_age", "srb", "cbr", "cdr", "rni", "gfr",
                                                    "cpr_modern", "cpr_any", "population", "births", "deaths",
                                                    "share_under15", "share_65plus", "dependency_total",
                                                    "ageing_index", "sex_ratio", "births_order3plus_share",
                                                    "newborn_screening_coverage"};
  for (size_t i = 0; i < 20 && i < catalogue.definitions().size(); ++i) first20.push_back(catalogue.definitions()[i].code);
  std::printf("persons %zu spells %zu events %zu province %s load_snapshot_ms %.1f\n", snap.person_id.size(),
              snap.spells.size(), snap.events.size(), province.c_str(), load_ms);
  for (const auto& [name, codes] : {std::pair{"first20", first20}, std::pair{"with_e0_tfr_median_age", with_methods}}) {
    std::string list;
    for (const auto& c : codes) list += (list.empty() ? "" : ",") + c;
    auto q = analysis::parse_analysis_query({{"indicators", list}, {"unit", province}, {"units", "level"},
                                             {"level", "commune"}, {"from", from->label}, {"to", to->label},
                                             {"every", "month"}},
                                            catalogue);
    if (!q) {
      std::fprintf(stderr, "%s\n", q.error().en.c_str());
      return 2;
    }
    std::vector<double> fresh, again;
    size_t cells = 0, units = 0, bytes = 0, zipped = 0;
    for (int r = 0; r < runs; ++r) {
      IndicatorReporter reporter(snap, catalogue);
      auto f0 = Clock::now();
      auto table = analysis::compute_analysis(reporter, *q, nullptr);
      if (!table) {
        std::fprintf(stderr, "%s\n", table.error().en.c_str());
        return 3;
      }
      const std::string body = analysis::analysis_json(*table).dump();
      bytes = body.size();
      zipped = http::gzip(body).size();
      fresh.push_back(ms_since(f0));
      auto a0 = Clock::now();
      auto second = analysis::compute_analysis(reporter, *q, nullptr);
      zipped = http::gzip(analysis::analysis_json(*second).dump()).size();
      again.push_back(ms_since(a0));
      cells = table->cells.size();
      units = table->units.size();
    }
    const Spread f = spread(fresh), a = spread(again);
    std::printf("%s: %zu indicators x %zu communes x 12 months = %zu cells, JSON %zu bytes, gzip %zu\n", name,
                codes.size(), units, cells, bytes, zipped);
    std::printf("  fresh_reporter_ms median %.1f p90 %.1f max %.1f\n", f.median, f.p90, f.max);
    std::printf("  counts_kept_ms    median %.1f p90 %.1f max %.1f\n", a.median, a.p90, a.max);
  }
  return 0;
}
