// Indicator benchmark: time of the first computation after opening the
// database (load the register snapshot, count, evaluate every indicator for
// every unit) and of a full recompute from the loaded register, medians of
// several runs, with the parts: the counting pass on one thread and on all,
// the deaths and person-years pooled over 3 and 5 years for life tables, and
// both in the one pass of the full recompute (the rest of the recompute is
// the evaluation of every indicator). Prints one line per figure; bench/indicators/run.sh puts it
// beside SQLite and DuckDB computing the same counts.
//
//   indicators_bench DB PERIOD [RUNS] [full]
//
// With `full`, only the full recompute is run (RUNS times) after the load,
// so that a profiler's samples of the computing part are of it alone.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "analytics/base_counts.h"
#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "app/indicator_report.h"
#include "app/database.h"

using namespace danso;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

static double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: indicators_bench DB PERIOD [RUNS] [full]\n");
    return 2;
  }
  const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  const bool full_only = argc > 4 && std::string(argv[4]) == "full";
  auto period = Period::parse(argv[2]);
  if (!period) {
    std::fprintf(stderr, "%s\n", period.error().en.c_str());
    return 2;
  }
  const auto catalogue = analytics::IndicatorCatalogue::defaults();

  auto t0 = Clock::now();
  auto db = open_database(argv[1]);  // a SQLite file or a postgresql:// address
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().en.c_str());
    return 2;
  }
  const auto snap = analytics::RegisterSnapshot::load((*db)->store());
  const double load_ms = ms_since(t0);
  auto t1 = Clock::now();
  size_t units = 0;
  {
    IndicatorReporter reporter(snap, catalogue);
    units = reporter.report_all(*period).size();
  }
  const double first_ms = load_ms + ms_since(t1);

  // The 3 and 5 years ending with the period, as the reporter pools them.
  std::vector<Period> pooled;
  for (int years : {3, 5}) {
    Period p = *period;
    p.first = Date::from_ymd_unchecked(period->last.year() - years + 1, 1, 1);
    pooled.push_back(p);
  }
  std::vector<double> counts_ms, counts1_ms, pooled_ms, fused_ms, full_ms, values_ms;
  if (full_only) {
    for (int r = 0; r < runs; ++r) {
      auto v0 = Clock::now();
      IndicatorReporter reporter(snap, catalogue);
      if (reporter.compute_all(*period).size() != units) return 3;
      values_ms.push_back(ms_since(v0));
    }
    std::printf("units %zu load_snapshot_ms %.1f\n", units, load_ms);
    std::printf("all_indicators_all_units_ms_median %.1f\n", median(values_ms));
    return 0;
  }
  for (int r = 0; r < runs; ++r) {
    auto c1 = Clock::now();
    auto counts1 = analytics::count_period(snap, *period, 1);
    counts1_ms.push_back(ms_since(c1));
    auto c0 = Clock::now();
    auto counts = analytics::count_period(snap, *period);
    counts_ms.push_back(ms_since(c0));
    auto p0 = Clock::now();
    auto lt = analytics::count_life_tables(snap, pooled, period->last);
    pooled_ms.push_back(ms_since(p0));
    auto b0 = Clock::now();
    auto both = analytics::count_period_with_life_tables(snap, *period, pooled);
    fused_ms.push_back(ms_since(b0));
    auto v0 = Clock::now();
    {
      IndicatorReporter reporter(snap, catalogue);
      if (reporter.compute_all(*period).size() != units) return 3;
    }
    values_ms.push_back(ms_since(v0));
    auto f0 = Clock::now();
    IndicatorReporter reporter(snap, catalogue);
    auto all = reporter.report_all(*period);
    full_ms.push_back(ms_since(f0));
    if (all.size() != units) return 3;
  }
  std::printf("persons %zu spells %zu events %zu units %zu indicators %zu\n", snap.person_id.size(),
              snap.spells.size(), snap.events.size(), units, catalogue.definitions().size());
  std::printf("load_snapshot_ms %.1f\n", load_ms);
  std::printf("first_computation_ms %.1f\n", first_ms);
  std::printf("counts_one_thread_ms_median %.1f\n", median(counts1_ms));
  std::printf("counts_ms_median %.1f\n", median(counts_ms));
  std::printf("pooled_life_table_counts_ms_median %.1f\n", median(pooled_ms));
  std::printf("counts_with_pooled_one_pass_ms_median %.1f\n", median(fused_ms));
  std::printf("all_indicators_all_units_ms_median %.1f\n", median(values_ms));
  std::printf("all_indicators_all_units_with_json_ms_median %.1f\n", median(full_ms));
  return 0;
}
