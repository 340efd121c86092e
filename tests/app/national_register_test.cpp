// The national register of the benchmarks (app/demo_province/national.h):
// the real unit tree of 2025 with villages made under it, and the register
// made part by part straight into the indicators' snapshot
// (analytics::SnapshotBuilder) equal to the same register written to a
// database and loaded from it.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "analytics/indicator_catalogue.h"
#include "analytics/register_snapshot.h"
#include "app/demo_province/national.h"
#include "app/indicator_report.h"
#include "app/register_loader.h"
#include "store/sqlite/sqlite_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

const std::string kUnitList = std::string(DANSO_SHARED_DATA) + "/units/vn-units-from-2025-07-01.json";

demo::NationalOptions national_options(int64_t persons) {
  demo::NationalOptions o;
  o.persons = persons;
  o.today = Date::parse("2026-01-01").value();
  return o;
}

TEST(NationalRegister, TheRealTreeWithVillagesUnderEachCommune) {
  const auto units = demo::national_units(kUnitList, national_options(7'000'000)).value();
  std::map<UnitKind, int> kinds;
  std::map<int64_t, int> villages_of;
  std::set<std::string> codes;
  for (const OrgUnit& u : units) {
    ++kinds[u.kind];
    EXPECT_TRUE(codes.insert(u.code).second) << u.code;
    if (u.kind == UnitKind::kVillage) ++villages_of[u.parent.value];
  }
  EXPECT_EQ(kinds[UnitKind::kProvince], 34);
  EXPECT_EQ(kinds[UnitKind::kCommune], 3321);
  // 7,000,000 / 3,321 = 2,107 or 2,108 persons a commune: two villages each.
  EXPECT_EQ(kinds[UnitKind::kVillage], 2 * 3321);
  EXPECT_EQ(villages_of.size(), 3321u);
  for (const auto& [commune, n] : villages_of) EXPECT_EQ(n, 2) << commune;
  EXPECT_TRUE(codes.count("01") && codes.count("00004") && codes.count("0000401") && codes.count("0000402"));
}

TEST(NationalRegister, RefusesFewerPersonsThanCommunesAndAMissingFile) {
  auto few = demo::national_units(kUnitList, national_options(3'320));
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.error().field, "persons");
  EXPECT_FALSE(few.error().vi.empty());
  EXPECT_FALSE(demo::national_units(kUnitList + ".missing", national_options(10'000)).ok());
  auto none = national_options(10'000);
  none.provinces = {"99"};
  EXPECT_EQ(demo::national_units(kUnitList, none).error().field, "provinces");
}

void expect_same_values(const std::vector<std::pair<UnitId, std::vector<analytics::IndicatorValue>>>& a,
                        const std::vector<std::pair<UnitId, std::vector<analytics::IndicatorValue>>>& b,
                        const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t u = 0; u < a.size(); ++u) {
    ASSERT_EQ(a[u].first.value, b[u].first.value) << what;
    ASSERT_EQ(a[u].second.size(), b[u].second.size()) << what;
    for (size_t i = 0; i < a[u].second.size(); ++i) {
      const auto &x = a[u].second[i], &y = b[u].second[i];
      EXPECT_EQ(x.value, y.value) << what << " unit " << a[u].first.value << " indicator " << i;
      EXPECT_EQ(x.numerator, y.numerator) << what << " unit " << a[u].first.value << " indicator " << i;
      EXPECT_EQ(x.denominator, y.denominator) << what << " unit " << a[u].first.value << " indicator " << i;
      EXPECT_EQ(x.unit, y.unit);
      EXPECT_EQ(std::vector<std::string>(x.flags.begin(), x.flags.end()),
                std::vector<std::string>(y.flags.begin(), y.flags.end()));
    }
  }
}

// Two provinces (Lai Châu, 38 communes; Huế, 40), each made in three parts
// on two threads: in memory, and through a database.
TEST(NationalRegister, BuiltInMemoryEqualsLoadedFromTheDatabase) {
  auto o = national_options(120'000);
  o.provinces = {"12", "46"};
  o.part_persons = 25'000;
  const auto units = demo::national_units(kUnitList, o).value();
  analytics::SnapshotBuilder builder(units, {});
  RegisterBatch all;
  all.units = units;
  size_t parts = 0;
  ASSERT_TRUE(demo::generate_national(o, units, [&](demo::NationalPart&& part) -> Status {
                builder.add(part.batch.persons, part.spells, part.batch.events);
                for (auto* v : {&part.batch.persons}) all.persons.insert(all.persons.end(), v->begin(), v->end());
                all.households.insert(all.households.end(), part.batch.households.begin(), part.batch.households.end());
                all.events.insert(all.events.end(), part.batch.events.begin(), part.batch.events.end());
                all.staff.insert(all.staff.end(), part.batch.staff.begin(), part.batch.staff.end());
                ++parts;
                return {};
              }).ok());
  EXPECT_EQ(parts, 6u);
  const analytics::RegisterSnapshot built = builder.finish();

  const fs::path dir = fs::temp_directory_path() / ("danso-national-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    auto store = open_sqlite_store((dir / "n.db").string(), {.create = true, .migrations = {}}).value();
    ASSERT_TRUE(load_register(*store, all).ok());
    const analytics::RegisterSnapshot loaded = analytics::RegisterSnapshot::load(*store);

    // The register is what the generator makes: births, moves between the
    // villages of a part, marriages, deaths.
    EXPECT_GT(built.person_id.size(), 125'000u);
    EXPECT_EQ(built.person_id, loaded.person_id);
    EXPECT_EQ(built.person_flags, loaded.person_flags);
    EXPECT_EQ(built.birth_year, loaded.birth_year);
    EXPECT_EQ(built.birth_md, loaded.birth_md);
    EXPECT_EQ(built.spells.size(), loaded.spells.size());
    EXPECT_EQ(built.events.size(), loaded.events.size());
    EXPECT_EQ(built.marks.size(), loaded.marks.size());
    EXPECT_EQ(built.household_spans.size(), loaded.household_spans.size());
    EXPECT_EQ(built.local_moves.size(), loaded.local_moves.size());
    EXPECT_GT(built.local_moves.size(), 100u);
    EXPECT_EQ(built.deaths.size(), loaded.deaths.size());
    EXPECT_EQ(built.first_event_day, loaded.first_event_day);
    EXPECT_EQ(built.last_event_day, loaded.last_event_day);
    EXPECT_EQ(built.slot_spells, loaded.slot_spells);
    EXPECT_EQ(built.slot_events, loaded.slot_events);

    // Every indicator of every unit, for a year, a month and the years before.
    const auto catalogue = analytics::IndicatorCatalogue::defaults();
    for (const char* p : {"2024", "2025-03", "2019", "2021"}) {
      IndicatorReporter a(built, catalogue), b(loaded, catalogue);
      const auto va = a.compute_all(Period::parse(p).value()), vb = b.compute_all(Period::parse(p).value());
      EXPECT_EQ(va.size(), 2u + 78u + size_t(built.slot_unit.size() - 80));
      expect_same_values(va, vb, p);
    }
  }
  fs::remove_all(dir);
}

}  // namespace
