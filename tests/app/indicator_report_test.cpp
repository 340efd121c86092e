// The full recompute (every unit, on all cores) gives exactly what the
// reporter gives unit by unit, and every measure name reads a count.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "analytics/measures.h"
#include "app/demo_province/generator.h"
#include "app/indicator_report.h"
#include "app/register_loader.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

// A generated demo province written to a database of its own, read into a
// snapshot; the database is removed once read.
analytics::RegisterSnapshot demo_snapshot(int persons, uint64_t seed) {
  demo::DemoOptions o;
  o.persons = persons;
  o.seed = seed;
  o.today = Date::parse("2026-11-22").value();
  const RegisterBatch batch = demo::generate(o).value();
  const fs::path dir =
      fs::temp_directory_path() / ("danso-report-" + std::to_string(getpid()) + "-" + std::to_string(seed));
  fs::remove_all(dir);
  fs::create_directories(dir);
  analytics::RegisterSnapshot snap;
  if (auto store = test::open_test_store((dir / "r.db").string()); !store.ok()) {
    ADD_FAILURE() << "cannot open " << dir;
  } else if (!load_register(**store, batch).ok()) {
    ADD_FAILURE() << "cannot load the demo register";
  } else {
    snap = analytics::RegisterSnapshot::load(**store);
  }
  fs::remove_all(dir);
  return snap;
}

}  // namespace

TEST(IndicatorReport, FullRecomputeEqualsUnitByUnit) {
  const auto snap = demo_snapshot(15'000, 7);
  const auto catalogue = analytics::IndicatorCatalogue::defaults();
  for (const char* p : {"2024", "2023-Q2"}) {
    const Period period = Period::parse(p).value();
    IndicatorReporter all(snap, catalogue);
    const auto every = all.report_all(period);
    ASSERT_GT(every.size(), 10u);
    IndicatorReporter one(snap, catalogue);
    size_t pooled = 0;
    for (const auto& u : every) {
      const auto single = one.report(u["unit"].get<std::string>(), period, false);
      ASSERT_TRUE(single.ok());
      EXPECT_EQ(u.dump(), single->dump()) << u["unit"];
      for (const auto& f : u["indicators"]["e0"]["flags"])
        if (f.get<std::string>().rfind("pooled:", 0) == 0) ++pooled;
    }
    // Villages of about a thousand persons have few deaths: their e0 is pooled.
    EXPECT_GT(pooled, 5u) << p;
  }
  // The province is the sum of its villages.
  const Period y = Period::parse("2024").value();
  const auto counts = analytics::count_period(snap, y);
  int64_t villages = 0, births = 0;
  for (size_t i = 0; i < snap.slot_unit.size(); ++i)
    if (snap.tree.find(snap.slot_unit[i])->kind == UnitKind::kVillage && snap.tree.find(snap.slot_unit[i])->valid_on(y.last))
      villages += counts[i].population_end(), births += counts[i].births[0] + counts[i].births[1];
  for (size_t i = 0; i < snap.slot_unit.size(); ++i)
    if (!snap.tree.find(snap.slot_unit[i])->parent.valid()) {
      EXPECT_EQ(counts[i].population_end(), villages);
      EXPECT_EQ(counts[i].births[0] + counts[i].births[1], births);
    }
}

// Every unit's counts, rolled up by the pass on one worker and on two,
// equal its villages' own counts (count_villages, count_village_life_tables)
// summed up the tree by the roll-up parents in this test, the moves within
// each unit taken off.
TEST(IndicatorReport, RolledUpCountsEqualTheOwnCountsSummedUpTheTree) {
  const auto snap = demo_snapshot(12'000, 11);
  const size_t n = snap.slot_unit.size();
  std::vector<int32_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = int32_t(i);
  auto zero = [](const auto& x) {  // every field of x is zero
    // Value-initialised (T(), not T{}): their padding is zero too, for memcmp.
    using T = std::remove_cvref_t<decltype(x)>;
    T z = T(), y = T();
    y.add(x);
    return std::memcmp(&y, &z, sizeof y) == 0;
  };
  for (const char* p : {"2024", "2023-Q2", "2022-07"}) {
    const Period period = Period::parse(p).value();
    const std::vector<Period> pooled = {Period::parse("2022-01-01..2024-12-31").value(), Period::parse("2020-01-01..2024-12-31").value()};
    std::vector<analytics::UnitCounts> want = analytics::count_villages(snap, period, all);
    std::vector<std::vector<analytics::LifeTableCounts>> want_lt = analytics::count_village_life_tables(snap, pooled, all);
    // Each slot's own counts added to it and every unit above it.
    std::vector<analytics::UnitCounts> sum(n);
    std::vector<std::vector<analytics::LifeTableCounts>> sum_lt(n, std::vector<analytics::LifeTableCounts>(2));
    size_t rolled = 0;
    for (size_t i = 0; i < n; ++i)
      for (int32_t u = int32_t(i), depth = 0; u >= 0 && depth < 64; u = analytics::rollup_parent(snap, u, period.last), ++depth) {
        sum[size_t(u)].add(want[i]);
        for (size_t k = 0; k < 2; ++k) sum_lt[size_t(u)][k].add(want_lt[i][k]);
        rolled += depth > 0;
      }
    ASSERT_GT(rolled, n);
    for (size_t i = 0; i < n; ++i) {
      const auto [in, out] = analytics::moves_within(snap, period, int32_t(i));
      sum[i].moves_in -= in, sum[i].moves_out -= out;
    }
    for (unsigned threads : {1u, 2u}) {
      const auto got = analytics::count_period_with_life_tables(snap, period, pooled, threads);
      int64_t province = 0, temporary = 0;
      for (size_t i = 0; i < n; ++i) {
        analytics::UnitCounts d = got.units[i];
        d.subtract(sum[i]);
        EXPECT_TRUE(zero(d)) << p << " threads " << threads << " slot " << i;
        for (size_t k = 0; k < 2; ++k) {
          analytics::LifeTableCounts e = got.life_tables[k][i];
          e.subtract(sum_lt[i][k]);
          EXPECT_TRUE(zero(e)) << p << " threads " << threads << " slot " << i << " pooled " << k;
        }
        if (!snap.tree.find(snap.slot_unit[i])->parent.valid()) {
          province = got.units[i].population_end();
          temporary = got.units[i].temporary_end[0] + got.units[i].temporary_end[1];
        }
      }
      EXPECT_GT(province, 10'000) << p;
      EXPECT_GT(temporary, 0) << p;
      // The life tables alone roll up the same way.
      const auto lt = analytics::count_life_tables(snap, pooled, period.last, threads);
      for (size_t i = 0; i < n; ++i)
        for (size_t k = 0; k < 2; ++k) {
          analytics::LifeTableCounts e = lt[k][i];
          e.subtract(sum_lt[i][k]);
          EXPECT_TRUE(zero(e)) << p << " life tables alone, threads " << threads << " slot " << i;
        }
    }
  }
}

TEST(Measures, EveryNameReadsItsCount) {
  analytics::UnitCounts c;
  c.pop_end[1][30] = 7;
  c.births[0] = 3;
  for (const auto& [name, description] : analytics::measure_names()) {
    const std::string text = name.substr(0, name.find('['));
    auto m = analytics::parse_measure(text);
    ASSERT_TRUE(m.ok()) << text;
    EXPECT_NE(m->get, nullptr) << text;
  }
  EXPECT_EQ(analytics::measure_value(c, analytics::parse_measure("population_end_female[30-34]").value()), 7);
  EXPECT_EQ(analytics::measure_value(c, analytics::parse_measure("population_end[31+]").value()), 0);
  EXPECT_EQ(analytics::measure_value(c, analytics::parse_measure("births").value()), 3);
}
