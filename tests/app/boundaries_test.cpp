// Unit boundaries: the import of GeoJSON files (the real outlines of
// ../shared/data/geo on the national unit list from 1 July 2025) and the
// outlines generated for the demo province.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/boundaries/geometry.h"
#include "app/demo_province/demo_boundaries.h"
#include "app/import/import.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

const fs::path kGeo = fs::path(DANSO_SHARED_DATA) / "geo";

Date boundary_day(const char* s) { return Date::parse(s).value(); }

nlohmann::json read_geojson(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

class BoundaryImport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-boundaries-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = test::open_test_store((dir_ / "b.db").string()).value();
    ImportOptions o;
    o.file = (fs::path(DANSO_SHARED_DATA) / "units" / "vn-units-from-2025-07-01.json").string();
    o.kind = ImportKind::kUnits;
    o.today = boundary_day("2026-01-01");
    o.valid_from = boundary_day("2025-07-01");
    ASSERT_TRUE(import_file(*store_, o).value().committed);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  // Writes `features` as one FeatureCollection and imports it.
  ImportReport import(const std::vector<nlohmann::json>& features) {
    const fs::path file = dir_ / "in.geojson";
    std::ofstream(file) << nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump();
    ImportOptions o;
    o.file = file.string();
    o.kind = ImportKind::kBoundaries;
    o.today = boundary_day("2026-01-01");
    auto r = import_file(*store_, o);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().en);
    return r.ok() ? *r : ImportReport{};
  }
  UnitId unit(const char* code) {
    for (const OrgUnit& u : store_->load_units())
      if (u.code == code && u.valid_on(boundary_day("2026-01-01"))) return u.id;
    return {};
  }
  nlohmann::json commune(const char* file) { return read_geojson(kGeo / "ha-tinh-communes-2025" / file)["features"][0]; }
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(BoundaryImport, RealOutlinesAreStoredWithTheirBoundingBoxes) {
  const int64_t audit = store_->count_rows(StoredTable::kAudit);
  const auto r = import({commune("18073_thanh_sen.geojson"), commune("18304_duc_dong.geojson"),
                         read_geojson(kGeo / "provinces-2025" / "42_ha_tinh.geojson")["features"][0]});
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(r.rows, 3u);
  EXPECT_EQ(r.written, 3u);
  EXPECT_TRUE(r.issues.empty());
  EXPECT_EQ(store_->count_rows(StoredTable::kUnitBoundaries), 3);
  const UnitId duc_dong = unit("18304"), ha_tinh = unit("42");
  ASSERT_TRUE(duc_dong.valid());
  const auto rows = store_->boundaries_of(std::vector<UnitId>{duc_dong, ha_tinh});
  ASSERT_EQ(rows.size(), 2u);
  const UnitBoundary& b = rows[0].unit == duc_dong ? rows[0] : rows[1];
  // The file's own bbox of Đức Đồng.
  EXPECT_DOUBLE_EQ(b.west, 105.539308);
  EXPECT_DOUBLE_EQ(b.south, 18.393299);
  EXPECT_DOUBLE_EQ(b.east, 105.641325);
  EXPECT_DOUBLE_EQ(b.north, 18.473446);
  EXPECT_EQ(b.source, "in.geojson");
  EXPECT_EQ(nlohmann::json::parse(b.geometry)["type"], "MultiPolygon");
  // The import is one audit entry.
  EXPECT_EQ(store_->count_rows(StoredTable::kAudit), audit + 1);
  // Importing again replaces, it does not add.
  ASSERT_TRUE(import({commune("18304_duc_dong.geojson")}).committed);
  EXPECT_EQ(store_->count_rows(StoredTable::kUnitBoundaries), 3);
}

TEST_F(BoundaryImport, AnUnknownUnitIsReportedAndNothingIsWritten) {
  nlohmann::json stranger = commune("18073_thanh_sen.geojson");
  stranger["properties"]["code"] = "18999";
  const int64_t audit = store_->count_rows(StoredTable::kAudit);
  const auto r = import({commune("18304_duc_dong.geojson"), stranger});
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].row, 2u);
  EXPECT_EQ(r.issues[0].value, "18999");
  EXPECT_EQ(r.issues[0].column, "features[1].properties.code");
  EXPECT_NE(r.issues[0].en.find("no unit has code 18999 on 2026-01-01"), std::string::npos) << r.issues[0].en;
  EXPECT_NE(r.issues[0].vi.find("không có đơn vị mã 18999"), std::string::npos) << r.issues[0].vi;
  EXPECT_EQ(store_->count_rows(StoredTable::kUnitBoundaries), 0);
  EXPECT_EQ(store_->count_rows(StoredTable::kAudit), audit);
}

TEST_F(BoundaryImport, MalformedGeometryIsRefusedWithWhereItBreaks) {
  nlohmann::json open_ring = commune("18073_thanh_sen.geojson");
  open_ring["geometry"]["coordinates"][0][0].back() = {105.6, 18.4};
  nlohmann::json point = commune("18304_duc_dong.geojson");
  point["geometry"] = {{"type", "Point"}, {"coordinates", {105.6, 18.4}}};
  nlohmann::json off_earth = commune("18100_tran_phu.geojson");
  off_earth["geometry"]["coordinates"][0][0][3] = {205.0, 18.4};
  const auto r = import({open_ring, point, off_earth, commune("18115_bac_hong_linh.geojson")});
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.issues.size(), 3u) << r.issues[0].en << " | " << r.issues[1].en;
  EXPECT_EQ(r.issues[0].row, 1u);
  EXPECT_NE(r.issues[0].en.find("coordinates[0][0]): the ring is not closed"), std::string::npos) << r.issues[0].en;
  EXPECT_NE(r.issues[1].en.find("only Polygon or MultiPolygon"), std::string::npos) << r.issues[1].en;
  EXPECT_NE(r.issues[2].en.find("coordinates[0][0][3]): coordinates outside"), std::string::npos) << r.issues[2].en;
  EXPECT_NE(r.issues[2].vi.find("toạ độ ngoài"), std::string::npos);
  EXPECT_EQ(store_->count_rows(StoredTable::kUnitBoundaries), 0);
  // Skipping bad features writes the good one only.
  const fs::path file = dir_ / "mixed.geojson";
  std::ofstream(file) << nlohmann::json{{"type", "FeatureCollection"},
                                        {"features", {point, commune("18115_bac_hong_linh.geojson")}}}
                             .dump();
  ImportOptions o;
  o.file = file.string();
  o.kind = ImportKind::kBoundaries;
  o.today = boundary_day("2026-01-01");
  o.skip_bad_rows = true;
  const auto skipped = import_file(*store_, o).value();
  EXPECT_TRUE(skipped.committed);
  EXPECT_EQ(skipped.rejected, 1u);
  EXPECT_EQ(store_->count_rows(StoredTable::kUnitBoundaries), 1);
  EXPECT_EQ(store_->boundaries_of(std::vector<UnitId>{unit("18115")}).size(), 1u);
}

TEST_F(BoundaryImport, NotGeoJsonIsRefused) {
  const fs::path file = dir_ / "list.json";
  std::ofstream(file) << R"([{"code":"18073"}])";
  ImportOptions o;
  o.file = file.string();
  o.kind = ImportKind::kBoundaries;
  o.today = boundary_day("2026-01-01");
  const auto r = import_file(*store_, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().en, "a boundaries file must be a GeoJSON FeatureCollection or Feature");
}

// The demo province's outlines, on a hand-made hierarchy: 1 province, 3
// districts of 4 communes of 5 villages.
std::vector<OrgUnit> demo_units() {
  std::vector<OrgUnit> units;
  auto add = [&](std::string code, UnitKind kind, UnitId parent) {
    OrgUnit u;
    u.id = UnitId(int64_t(units.size()) + 1);
    u.code = std::move(code);
    u.name = "Đơn vị " + u.code;
    u.kind = kind;
    u.parent = parent;
    u.valid_from = boundary_day("2019-01-01");
    units.push_back(u);
    return u.id;
  };
  const UnitId p = add("99", UnitKind::kProvince, {});
  for (int d = 0; d < 3; ++d) {
    const UnitId di = add("9" + std::to_string(10 + d), UnitKind::kDistrict, p);
    for (int c = 0; c < 4; ++c) {
      const UnitId ci = add(std::to_string(900 + d * 10 + c), UnitKind::kCommune, di);
      for (int v = 0; v < 5; ++v) add(std::to_string(90000 + d * 100 + c * 10 + v), UnitKind::kVillage, ci);
    }
  }
  return units;
}

// Signed area of the rings of a GeoJSON MultiPolygon (outer rings
// counter-clockwise, holes clockwise), in square degrees.
double outline_area(const std::string& geometry) {
  double a = 0;
  const nlohmann::json parsed = nlohmann::json::parse(geometry);
  for (const auto& polygon : parsed["coordinates"])
    for (const auto& ring : polygon)
      for (size_t k = 0; k + 1 < ring.size(); ++k)
        a += ring[k][0].get<double>() * ring[k + 1][1].get<double>() - ring[k + 1][0].get<double>() * ring[k][1].get<double>();
  return a / 2;
}

TEST(DemoBoundaries, EveryUnitOutlinedInsideItsParentAndTheChildrenTileIt) {
  const std::vector<OrgUnit> units = demo_units();
  const std::vector<UnitBoundary> outlines = demo::demo_boundaries(units, 7);
  ASSERT_EQ(outlines.size(), units.size());
  std::map<int64_t, const UnitBoundary*> by_unit;
  for (const UnitBoundary& b : outlines) {
    by_unit[b.unit.value] = &b;
    // Each outline passes the import's own check, with the same bounding box.
    auto checked = boundary_from_geometry(nlohmann::json::parse(b.geometry));
    ASSERT_TRUE(checked.ok()) << checked.error().en;
    EXPECT_DOUBLE_EQ(checked->west, b.west);
    EXPECT_DOUBLE_EQ(checked->north, b.north);
    EXPECT_EQ(b.source, "demo");
  }
  ASSERT_EQ(by_unit.size(), units.size());
  std::map<int64_t, double> children_area;
  for (const OrgUnit& u : units) {
    const UnitBoundary& b = *by_unit.at(u.id.value);
    EXPECT_GT(outline_area(b.geometry), 0) << u.code;
    if (!u.parent.valid()) continue;
    const UnitBoundary& p = *by_unit.at(u.parent.value);
    EXPECT_GE(b.west, p.west - 1e-9) << u.code;
    EXPECT_GE(b.south, p.south - 1e-9) << u.code;
    EXPECT_LE(b.east, p.east + 1e-9) << u.code;
    EXPECT_LE(b.north, p.north + 1e-9) << u.code;
    children_area[u.parent.value] += outline_area(b.geometry);
  }
  // The children's areas add up to their parent's: they tile it, no gap, no overlap.
  ASSERT_EQ(children_area.size(), 1u + 3u + 12u);
  for (const auto& [parent, area] : children_area)
    EXPECT_NEAR(area, outline_area(by_unit.at(parent)->geometry), 1e-6) << parent;
  // The province lies within 107.2-108.1 E, 13.8-14.7 N.
  const UnitBoundary& province = *by_unit.at(1);
  EXPECT_GE(province.west, 107.2);
  EXPECT_LE(province.east, 108.1);
  EXPECT_GE(province.south, 13.8);
  EXPECT_LE(province.north, 14.7);
  EXPECT_GT(province.east - province.west, 0.6);
}

TEST(DemoBoundaries, SameSeedSameOutlinesOtherSeedOthers) {
  const std::vector<OrgUnit> units = demo_units();
  const auto a = demo::demo_boundaries(units, 7), b = demo::demo_boundaries(units, 7), c = demo::demo_boundaries(units, 8);
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) EXPECT_EQ(a[k].geometry, b[k].geometry);
  EXPECT_NE(a[5].geometry, c[5].geometry);
}

}  // namespace
