// The full recompute (every unit, on all cores) gives exactly what the
// reporter gives unit by unit, and every measure name reads a count.
#include <gtest/gtest.h>

#include <filesystem>

#include "analytics/measures.h"
#include "app/demo_province/generator.h"
#include "app/indicator_report.h"
#include "app/register_loader.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

TEST(IndicatorReport, FullRecomputeEqualsUnitByUnit) {
  demo::DemoOptions o;
  o.persons = 15'000;
  o.seed = 7;
  o.today = Date::parse("2026-11-22").value();
  const RegisterBatch batch = demo::generate(o).value();
  const fs::path dir = fs::temp_directory_path() / ("danso-report-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto store = test::open_test_store((dir / "r.db").string());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(load_register(**store, batch).ok());
  const auto snap = analytics::RegisterSnapshot::load(**store);
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
