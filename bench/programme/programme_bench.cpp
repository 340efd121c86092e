// Programme benchmark: a plan's targets judged for its unit (danso targets
// without the process start and snapshot load) and a year's rewards for the
// whole province under a rule set (danso rewards likewise). The snapshot is
// loaded once (as the server keeps it); each figure is then timed RUNS
// times: first run, median and max. Nothing is written.
//
//   programme_bench DB PLAN_ID TARGET_YEAR RULES.json REWARD_YEAR [RUNS]
//   e.g. programme_bench demo.db 1 2025 data/programme/rules/ha-tinh-221-2020.json 2024 5
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/database.h"
#include "app/programme/plans.h"
#include "app/programme/reward_run.h"
#include "app/programme/rule_file.h"

using namespace danso;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

template <typename F>
static void time_it(const char* what, int runs, F&& fn) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    fn();
    ms.push_back(ms_since(t0));
  }
  const double first = ms.front();
  std::sort(ms.begin(), ms.end());
  std::printf("%-34s first %8.1f ms  median %8.1f ms  max %8.1f ms  (%d runs)\n", what, first, ms[ms.size() / 2],
              ms.back(), runs);
}

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: programme_bench DB PLAN_ID TARGET_YEAR RULES.json REWARD_YEAR [RUNS]\n");
    return 2;
  }
  const int runs = argc > 6 ? std::max(1, std::atoi(argv[6])) : 5;
  auto db = open_database(argv[1]);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().en.c_str());
    return 2;
  }
  std::ifstream in(argv[4]);
  std::stringstream text;
  text << in.rdbuf();
  const auto catalogue = analytics::IndicatorCatalogue::defaults();
  auto rules = read_rule_file(text.str(), catalogue);
  if (!rules) {
    std::fprintf(stderr, "%s\n", rules.error().en.c_str());
    return 2;
  }
  auto t0 = Clock::now();
  const auto snap = analytics::RegisterSnapshot::load((*db)->store());
  std::printf("snapshot load %.1f ms (%zu persons; once, the server keeps it)\n", ms_since(t0), snap.person_id.size());
  size_t targets = 0;
  time_it("plan progress (targets, one unit)", runs, [&] {
    ProgressOptions o;
    o.year = std::atoi(argv[3]);
    auto p = plan_progress(**db, snap, catalogue, std::atoll(argv[2]), o);
    if (!p) std::fprintf(stderr, "%s\n", p.error().en.c_str()), std::exit(2);
    targets = p->rows.size();
  });
  std::printf("  %zu targets\n", targets);
  size_t children = 0;
  time_it("plan progress, children and trend", runs, [&] {
    ProgressOptions o;
    o.year = std::atoi(argv[3]);
    o.children = true;
    o.trend_from = std::max(first_register_year(snap), o.year - 9);
    auto p = plan_progress(**db, snap, catalogue, std::atoll(argv[2]), o);
    if (!p) std::fprintf(stderr, "%s\n", p.error().en.c_str()), std::exit(2);
    children = p->children.size();
  });
  std::printf("  %zu child units judged, trend over %d years\n", children,
              std::atoi(argv[3]) - std::max(first_register_year(snap), std::atoi(argv[3]) - 9) + 1);
  size_t payments = 0;
  int64_t total = 0;
  time_it("rewards (whole province)", runs, [&] {
    RewardRequest rq;
    rq.year = std::atoi(argv[5]);
    auto r = run_rewards(**db, snap, catalogue, *rules, rq);
    if (!r) std::fprintf(stderr, "%s\n", r.error().en.c_str()), std::exit(2);
    payments = r->result.payments.size(), total = r->result.total;
  });
  std::printf("  %zu payments, %lld VND\n", payments, (long long)total);
  return 0;
}
