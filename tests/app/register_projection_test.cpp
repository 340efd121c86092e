// Projections seeded from the register of a small demo province: the base
// population is the register's, the balancing equation holds every year,
// scenario paths are followed to the value, and bad requests fail in both
// languages.
#include <gtest/gtest.h>

#include <filesystem>

#include "analytics/base_counts.h"
#include "app/demo_province/generator.h"
#include "app/register_loader.h"
#include "app/register_projection.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;
using nlohmann::json;

namespace {

const analytics::RegisterSnapshot& snapshot() {
  static const analytics::RegisterSnapshot snap = [] {
    demo::DemoOptions o;
    o.persons = 20'000;
    o.seed = 3;
    o.today = Date::parse("2026-11-22").value();
    const RegisterBatch batch = demo::generate(o).value();
    const fs::path dir = fs::temp_directory_path() / ("danso-projection-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto store = test::open_test_store((dir / "p.db").string());
    EXPECT_TRUE(store.ok());
    EXPECT_TRUE(load_register(**store, batch).ok());
    return analytics::RegisterSnapshot::load(**store);
  }();
  return snap;
}

std::string top_code() {
  const auto& s = snapshot();
  for (const auto& u : s.tree.units())
    if (!u.parent.valid()) return u.code;
  return "";
}

double total(const json& v) {
  double s = 0;
  for (const auto& x : v) s += x.get<double>();
  return s;
}

json run(const json& scenario, int from = 2025, int to = 2035) {
  auto r = project_from_register(snapshot(), {top_code(), from, to, scenario});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().en);
  return json::parse(r->dump());
}

}  // namespace

TEST(RegisterProjection, BaseIsTheRegisterPopulationOnTheFirstOfJanuary) {
  const json r = run(json::object());
  const auto& s = snapshot();
  // Counted here directly from the residence spells: everyone living in the
  // province on 2025-01-01, by sex and completed age on that day.
  const Date base = Date::parse("2025-01-01").value();
  std::vector<double> female(analytics::kAges, 0), male(analytics::kAges, 0);
  for (const auto& sp : s.spells) {
    if (!(sp.start <= base.days() && base.days() < sp.end)) continue;
    const int y = s.birth_year[size_t(sp.person)], m = s.birth_md[size_t(sp.person)] / 32,
              d = s.birth_md[size_t(sp.person)] % 32;
    const int age = std::min(2025 - y - ((m > 1 || d > 1) ? 1 : 0), analytics::kAges - 1);
    (s.female(sp.person) ? female : male)[size_t(age)] += 1;
  }
  ASSERT_EQ(r["years"].size(), 11u);
  EXPECT_EQ(r["years"][0]["year"], 2025);
  EXPECT_EQ(r["base_date"], "2025-01-01");
  double n = 0;
  for (int a = 0; a < analytics::kAges; ++a) {
    EXPECT_DOUBLE_EQ(r["years"][0]["female"][size_t(a)].get<double>(), female[size_t(a)]) << a;
    EXPECT_DOUBLE_EQ(r["years"][0]["male"][size_t(a)].get<double>(), male[size_t(a)]) << a;
    n += female[size_t(a)] + male[size_t(a)];
  }
  EXPECT_GT(n, 15000);
  EXPECT_DOUBLE_EQ(r["years"][0]["summary"]["population"].get<double>(), n);
  EXPECT_EQ(r["rates"]["years"], "2022..2024");
  EXPECT_EQ(r["rates"]["unit"], top_code());
  // A TFR between 1 and 4 and an e0 between 60 and 85: the demo's rates.
  EXPECT_GT(r["rates"]["tfr"].get<double>(), 1.0);
  EXPECT_LT(r["rates"]["tfr"].get<double>(), 4.0);
  EXPECT_GT(r["rates"]["e0"].get<double>(), 60.0);
  EXPECT_LT(r["rates"]["e0"].get<double>(), 85.0);
}

TEST(RegisterProjection, BalancingEquationHoldsEveryYear) {
  const json r = run(json::object());
  for (size_t i = 1; i < r["years"].size(); ++i) {
    const auto& y = r["years"][i];
    const double before = r["years"][i - 1]["summary"]["population"].get<double>();
    const double after = total(y["female"]) + total(y["male"]);
    const auto& s = y["summary"];
    EXPECT_NEAR(after, before + s["births"].get<double>() - s["deaths"].get<double>() + s["net_migration"].get<double>(),
                1e-6 * before)
        << y["year"];
  }
}

TEST(RegisterProjection, ScenarioPathsAreFollowed) {
  const json base = run(json::object());
  const double tfr0 = base["rates"]["tfr"].get<double>();
  const json r = run({{"tfr", {{"2030", 1.5}}}, {"e0", {{"2035", 80.0}}}, {"srb", 1.06}, {"migration", 0}});
  const auto& years = r["years"];
  // The step ending in 2028 uses 2027's values: TFR linear from 2024's base
  // to 1.5 in 2030, 1.5 after.
  EXPECT_NEAR(years[3]["summary"]["tfr"].get<double>(), tfr0 + (1.5 - tfr0) * 3 / 6, 1e-12);
  EXPECT_NEAR(years[10]["summary"]["tfr"].get<double>(), 1.5, 1e-12);
  EXPECT_DOUBLE_EQ(years[1]["summary"]["srb"].get<double>(), 1.06);
  EXPECT_DOUBLE_EQ(years[1]["summary"]["net_migration"].get<double>(), 0.0);
  // In 2034 (the last step) each sex's e0 has moved by 80 − base e0 (both sexes),
  // interpolated: the path reaches 80 in 2035, so 2034 is 9/10 of the way.
  const double e0 = r["rates"]["e0"].get<double>();
  const double target = e0 + (80.0 - e0) * 10 / 11;
  EXPECT_NEAR(years[10]["summary"]["e0_female"].get<double>(), r["rates"]["e0_female"].get<double>() + target - e0, 1e-6);
  EXPECT_NEAR(years[10]["summary"]["e0_male"].get<double>(), r["rates"]["e0_male"].get<double>() + target - e0, 1e-6);
  // Lower fertility and no migration: fewer births than the base run.
  EXPECT_LT(years[10]["summary"]["births"].get<double>(), base["years"][10]["summary"]["births"].get<double>());
}

TEST(RegisterProjection, ZeroFertilityMeansNoBirths) {
  const json r = run({{"tfr", 0}, {"migration", 0}}, 2025, 2027);
  for (size_t i = 1; i < r["years"].size(); ++i) {
    EXPECT_EQ(r["years"][i]["summary"]["births"].get<double>(), 0.0);
    EXPECT_EQ(r["years"][i]["female"][0].get<double>() + r["years"][i]["male"][0].get<double>(), 0.0);
  }
}

TEST(RegisterProjection, AVillageTakesRatesFromAUnitAboveIt) {
  const auto& s = snapshot();
  std::string village;
  for (const auto& u : s.tree.units())
    if (u.kind == UnitKind::kVillage) village = u.code;
  auto r = project_from_register(s, {village, 2025, 2030, json::object()});
  ASSERT_TRUE(r.ok()) << r.error().en;
  EXPECT_NE((*r)["rates"]["unit"].get<std::string>(), village);
}

TEST(RegisterProjection, BadRequestsFailInBothLanguages) {
  const auto& s = snapshot();
  const std::string top = top_code();
  auto expect_error = [&](RegisterProjectionRequest rq, const char* field) {
    auto r = project_from_register(s, rq);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().field, field);
    EXPECT_FALSE(r.error().vi.empty());
    EXPECT_FALSE(r.error().en.empty());
  };
  expect_error({top, 2025, 2025, json::object()}, "to");
  expect_error({top, 2030, 2035, json::object()}, "from");
  expect_error({"0000", 2025, 2030, json::object()}, "unit");
  expect_error({top, 2025, 2030, {{"tfr", "low"}}}, "tfr");
  expect_error({top, 2025, 2030, {{"fertility", 2}}}, "scenario.fertility");
  expect_error({top, 2025, 2030, {{"rates_years", 0}}}, "rates_years");
  expect_error({top, 2025, 2030, {{"e0", 300}}}, "e0");
  expect_error({top, 2025, 2030, {{"srb", {{"2030", -1}}}}}, "srb");
}
