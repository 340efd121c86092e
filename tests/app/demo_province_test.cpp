// The demo province: deterministic, consistent with every rule of the
// register (it goes through the importer's checks), and realistic.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "app/demo_province/generator.h"
#include "app/export/export.h"
#include "app/import/import.h"
#include "app/indicator_report.h"
#include "app/register_loader.h"
#include "core/rules.h"
#include "core/text.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

demo::DemoOptions options(int64_t persons, uint64_t seed) {
  demo::DemoOptions o;
  o.persons = persons;
  o.seed = seed;
  o.today = Date::parse("2026-11-22").value();
  return o;
}

const RegisterBatch& shared_batch() {
  static const RegisterBatch batch = demo::generate(options(30'000, 11)).value();
  return batch;
}

fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("danso-demo-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

TEST(DemoProvince, RefusesOptionsOutOfRange) {
  auto small = demo::generate(options(9'999, 1));
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.error().field, "persons");
  EXPECT_FALSE(small.error().vi.empty());
  EXPECT_FALSE(demo::generate(options(10'000'001, 1)).ok());
  auto future = options(10'000, 1);
  future.first_year = 2030;
  future.last_year = 2031;
  EXPECT_FALSE(demo::generate(future).ok());
}

TEST(DemoProvince, SameSeedSameBatchOtherSeedOtherBatch) {
  const RegisterBatch a = demo::generate(options(10'000, 5)).value();
  const RegisterBatch b = demo::generate(options(10'000, 5)).value();
  const RegisterBatch c = demo::generate(options(10'000, 6)).value();
  ASSERT_EQ(a.persons.size(), b.persons.size());
  ASSERT_EQ(a.events.size(), b.events.size());
  for (size_t i = 0; i < a.persons.size(); ++i) {
    EXPECT_EQ(a.persons[i].name, b.persons[i].name);
    EXPECT_EQ(a.persons[i].birth_date, b.persons[i].birth_date);
  }
  for (size_t i = 0; i < a.events.size(); ++i) {
    EXPECT_EQ(a.events[i].type, b.events[i].type);
    EXPECT_EQ(a.events[i].date, b.events[i].date);
    EXPECT_EQ(a.events[i].person, b.events[i].person);
  }
  EXPECT_TRUE(a.persons.size() != c.persons.size() || a.events.size() != c.events.size() ||
              a.persons[100].name != c.persons[100].name);
}

TEST(DemoProvince, HierarchyScalesWithPopulation) {
  const RegisterBatch& b = shared_batch();
  std::map<UnitKind, int> n;
  for (const auto& u : b.units) ++n[u.kind];
  EXPECT_EQ(n[UnitKind::kProvince], 1);
  EXPECT_EQ(n[UnitKind::kVillage], 30);  // ~1,000 persons a village
  EXPECT_EQ(n[UnitKind::kCommune], 3);
  EXPECT_EQ(n[UnitKind::kDistrict], 1);
  for (const auto& u : b.units) EXPECT_EQ(u.code.substr(0, 1), "9") << u.code;
}

TEST(DemoProvince, EveryRecordFollowsTheRules) {
  const RegisterBatch& b = shared_batch();
  const Date today = Date::parse("2026-11-22").value();
  std::set<std::string> citizen;
  for (const auto& p : b.persons) {
    ASSERT_TRUE(is_valid_utf8(p.name));
    EXPECT_EQ(p.name, to_nfc(p.name));
    if (!p.citizen_id.empty()) {
      EXPECT_TRUE(rules::check_citizen_id(p.citizen_id).ok()) << p.citizen_id;
      EXPECT_EQ(p.citizen_id.substr(0, 2), "99");
      EXPECT_TRUE(citizen.insert(p.citizen_id).second) << "duplicate " << p.citizen_id;
    }
  }
  std::map<int64_t, Date> death;
  std::map<int64_t, int> last_order;
  for (const auto& e : b.events) {
    ASSERT_LE(e.date, today);
    ASSERT_LE(e.recorded_on, today);
    ASSERT_TRUE(e.recorded_by.valid());
    if (e.type == EventType::kDeath) death[e.person.value] = e.date;
    if (e.type == EventType::kBirth) {
      const Person& child = b.persons[size_t(e.person.value - 1)];
      const Person& mother = b.persons[size_t(e.related.value - 1)];
      EXPECT_EQ(child.birth_date, e.date);
      EXPECT_TRUE(rules::check_mother(mother.sex, mother.birth_date, e.date).ok());
      EXPECT_GT(e.birth_order, last_order[e.related.value]);
      last_order[e.related.value] = e.birth_order;
    }
    if (e.type == EventType::kMarriage) {
      const Person& a = b.persons[size_t(e.person.value - 1)];
      const Person& c = b.persons[size_t(e.related.value - 1)];
      EXPECT_EQ(e.child_marriage, rules::is_child_marriage(a.sex, a.birth_date, e.date) ||
                                      rules::is_child_marriage(c.sex, c.birth_date, e.date));
    }
  }
  for (const auto& e : b.events) {
    auto d = death.find(e.person.value);
    if (d != death.end()) {
      EXPECT_LE(e.date, d->second) << "event after death";
    }
  }
}

// The strongest check: the generated register goes through the importer
// (every rule, residence, villages) and comes back out byte for byte.
TEST(DemoProvince, PassesTheImportChecksAndRoundTrips) {
  const fs::path dir = temp_dir("roundtrip");
  auto src = test::open_test_store((dir / "a.db").string());
  ASSERT_TRUE(src.ok());
  ASSERT_TRUE(load_register(**src, shared_batch()).ok());
  auto dst = test::open_test_store((dir / "b.db").string());
  ASSERT_TRUE(dst.ok());
  const std::pair<const char*, ImportKind> kinds[] = {{"units", ImportKind::kUnits},
                                                      {"staff", ImportKind::kStaff},
                                                      {"households", ImportKind::kHouseholds},
                                                      {"persons", ImportKind::kPersons},
                                                      {"events", ImportKind::kEvents}};
  for (const auto& [name, kind] : kinds) {
    std::ostringstream first;
    ASSERT_TRUE(export_kind(**src, kind, first).ok());
    const std::string file = (dir / (std::string(name) + ".csv")).string();
    std::ofstream(file, std::ios::binary) << first.str();
    ImportOptions o;
    o.file = file;
    o.kind = kind;
    o.today = Date::parse("2026-11-22").value();
    auto r = import_file(**dst, o);
    ASSERT_TRUE(r.ok()) << r.error().en;
    for (size_t i = 0; i < std::min<size_t>(5, r->issues.size()); ++i) ADD_FAILURE() << format_issue(r->issues[i]);
    ASSERT_TRUE(r->committed) << name;
    std::ostringstream second;
    ASSERT_TRUE(export_kind(**dst, kind, second).ok());
    EXPECT_EQ(first.str(), second.str()) << name;
  }
  src->reset();
  dst->reset();
  fs::remove_all(dir);
}

TEST(DemoProvince, LooksLikeVietNam) {
  const fs::path dir = temp_dir("realism");
  auto store = test::open_test_store((dir / "d.db").string());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(load_register(**store, shared_batch()).ok());
  const auto snap = analytics::RegisterSnapshot::load(**store);
  const auto catalogue = analytics::IndicatorCatalogue::defaults();
  IndicatorReporter reporter(snap, catalogue);
  auto at = [&](const std::string& period) {
    return reporter.report("99", Period::parse(period).value(), false).value()["indicators"];
  };
  const auto y2019 = at("2019");
  const auto all = at("2019..2025");
  auto v = [](const nlohmann::ordered_json& j, const char* code) { return j[code]["value"].get<double>(); };
  // Age structure at the end of the first year (Viet Nam 2019: 24% under 15, 7.7% 65+).
  EXPECT_GT(v(y2019, "share_under15"), 19);
  EXPECT_LT(v(y2019, "share_under15"), 28);
  EXPECT_GT(v(y2019, "share_65plus"), 6);
  EXPECT_LT(v(y2019, "share_65plus"), 11);
  EXPECT_GT(v(y2019, "sex_ratio"), 94);
  EXPECT_LT(v(y2019, "sex_ratio"), 104);
  // Fertility, births and deaths over the seven years.
  EXPECT_GT(v(all, "tfr"), 1.7);
  EXPECT_LT(v(all, "tfr"), 2.8);
  EXPECT_GT(v(all, "srb"), 104);
  EXPECT_LT(v(all, "srb"), 118);
  EXPECT_GT(v(all, "cbr"), 10);
  EXPECT_LT(v(all, "cbr"), 20);
  EXPECT_GT(v(all, "cdr"), 4);
  EXPECT_LT(v(all, "cdr"), 9);
  EXPECT_GT(v(y2019, "cpr_modern"), 50);
  EXPECT_LT(v(y2019, "cpr_modern"), 75);
  EXPECT_GT(v(all, "child_marriages"), 0);
  // Mountainous communes bear more children than urban wards.
  double mountain_births = 0, mountain_women = 0, urban_births = 0, urban_women = 0;
  for (const auto& u : shared_batch().units) {
    if (u.kind != UnitKind::kCommune) continue;
    auto j = reporter.report(u.code, Period::parse("2019..2025").value(), false).value()["indicators"]["gfr"];
    if (u.attributes.mountainous) mountain_births += j["numerator"].get<double>(), mountain_women += j["denominator"].get<double>();
    if (u.attributes.urban) urban_births += j["numerator"].get<double>(), urban_women += j["denominator"].get<double>();
  }
  ASSERT_GT(mountain_women, 0);
  ASSERT_GT(urban_women, 0);
  EXPECT_GT(mountain_births / mountain_women, urban_births / urban_women);
  store->reset();
  fs::remove_all(dir);
}

}  // namespace
