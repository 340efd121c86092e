// Report benchmark: time to count a report's columns from the register
// (app/reports count_rows, by the indicators' pass over the register
// snapshot) for every commune's monthly report and every district's
// quarterly form. The snapshot is loaded once (as the server keeps it);
// each report then counts its period: cold (first report of the period)
// and warm (median of RUNS). Prints one line per figure.
//
//   report_counts_bench DB MONTH QUARTER [RUNS]     e.g. demo.db 2024-12 2024-Q4 5
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/reports/reports.h"
#include "store/sqlite/sqlite_store.h"

using namespace danso;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

static double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

static void run(const analytics::RegisterSnapshot& snap, UnitKind kind, const Period& period, int runs) {
  std::vector<double> cold, warm;
  size_t rows = 0, villages = 0;
  int64_t population = 0;
  const UnitTree& tree = snap.tree;
  for (const OrgUnit* u : tree.valid_on(period.last)) {
    if (u->kind != kind) continue;
    auto t0 = Clock::now();
    auto r = reports::count_rows(snap, *u, period);
    cold.push_back(ms_since(t0));
    for (int i = 1; i < runs; ++i) {
      t0 = Clock::now();
      r = reports::count_rows(snap, *u, period);
      warm.push_back(ms_since(t0));
    }
    rows = std::max(rows, r.size());
    size_t v = 0;
    for (UnitId id : tree.subtree_on(u->id, period.last))
      if (tree.find(id)->kind == UnitKind::kVillage) ++v;
    villages = std::max(villages, v);
    population = std::max(population, reports::sum_rows(r)[1]);
  }
  std::printf("%-9s %-8s units %4zu  max rows %3zu  max villages %4zu  max population %7lld  cold median %7.1f ms  max %7.1f ms  "
              "warm median %7.1f ms  max %7.1f ms\n",
              kUnitKinds.code(kind), period.label.c_str(), cold.size(), rows, villages, (long long)population,
              median(cold), cold.empty() ? 0 : *std::max_element(cold.begin(), cold.end()), median(warm),
              warm.empty() ? 0 : *std::max_element(warm.begin(), warm.end()));
}

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: report_counts_bench DB MONTH QUARTER [RUNS]\n");
    return 2;
  }
  const int runs = argc > 4 ? std::atoi(argv[4]) : 5;
  auto month = Period::parse(argv[2]);
  auto quarter = Period::parse(argv[3]);
  if (!month || !quarter) {
    std::fprintf(stderr, "bad period\n");
    return 2;
  }
  auto t0 = Clock::now();
  auto store = open_sqlite_store(argv[1]);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().en.c_str());
    return 2;
  }
  std::printf("open (and migrate) %.1f ms\n", ms_since(t0));
  t0 = Clock::now();
  const analytics::RegisterSnapshot snap = analytics::RegisterSnapshot::load(**store);
  std::printf("snapshot load %.1f ms (once; the server keeps it)\n", ms_since(t0));
  run(snap, UnitKind::kCommune, *month, runs);
  run(snap, UnitKind::kDistrict, *quarter, runs);
  return 0;
}
