// The real national unit lists of ../shared/data/units: the list before the
// 2025 reform, the list from 1 July 2025 and the old-to-new mapping.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/import/import.h"
#include "app/register_stats.h"
#include "app/unit_info.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

const fs::path kUnits = fs::path(DANSO_SHARED_DATA) / "units";

Date d(const char* s) { return Date::parse(s).value(); }

class NationalUnits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("danso-national-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = test::open_test_store((dir_ / "n.db").string()).value().release();
    first_ = import("vn-units-pre-2025-07-01.json", ImportKind::kUnits, "2008-01-01");
    second_ = import("vn-units-from-2025-07-01.json", ImportKind::kUnits, "2025-07-01");
    mapping_ = import("mapping-2025-07-01-merges.json", ImportKind::kUnitMapping, "2025-07-01", true);
  }
  static void TearDownTestSuite() {
    delete store_;
    fs::remove_all(dir_);
  }
  static ImportReport import(const char* file, ImportKind kind, const char* from, bool skip = false) {
    ImportOptions o;
    o.file = (kUnits / file).string();
    o.kind = kind;
    o.today = d("2026-01-01");
    o.valid_from = d(from);
    o.skip_bad_rows = skip;
    o.rejects_file = (dir_ / (std::string(file) + ".rejects.csv")).string();
    auto r = import_file(*store_, o);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().en);
    return r.ok() ? *r : ImportReport{};
  }
  static inline fs::path dir_;
  static inline Store* store_ = nullptr;
  static inline ImportReport first_, second_, mapping_;
};

TEST_F(NationalUnits, BeforeTheReformFourLevelsOfThree) {
  EXPECT_TRUE(first_.committed);
  auto s = register_stats(*store_, std::nullopt, d("2025-06-30")).value();
  EXPECT_EQ(s.units_by_level, (std::map<int, int64_t>{{1, 63}, {2, 696}, {3, 10035}}));
}

TEST_F(NationalUnits, FromTheReformTwoLevels) {
  EXPECT_TRUE(second_.committed);
  auto s = register_stats(*store_, std::nullopt, d("2025-07-01")).value();
  EXPECT_EQ(s.units_by_level, (std::map<int, int64_t>{{1, 34}, {2, 3321}}));
}

TEST_F(NationalUnits, Code15NamesYenBaiThenLaoCai) {
  auto before = unit_info_json(*store_, "15", d("2025-06-30")).value();
  auto after = unit_info_json(*store_, "15", d("2025-07-01")).value();
  EXPECT_EQ(before["name"], "Tỉnh Yên Bái");
  EXPECT_EQ(before["valid_to"], "2025-06-30");
  EXPECT_EQ(after["name"], "Tỉnh Lào Cai");
  EXPECT_EQ(after["level"], 1);
  std::set<std::string> preds;
  for (const auto& p : after["predecessors"]) preds.insert(p["code"].get<std::string>() + " " + p["name"].get<std::string>());
  EXPECT_TRUE(preds.count("10 Tỉnh Lào Cai"));
  EXPECT_TRUE(preds.count("15 Tỉnh Yên Bái"));
}

TEST_F(NationalUnits, TheTwoSourcesDifferAndTheDifferencesAreReported) {
  // 12 old communes of the mapping are missing from the old list and 2 new
  // communes from the new list (18 mapping rows); the rest are linked.
  EXPECT_TRUE(mapping_.committed);
  EXPECT_EQ(mapping_.rejected, 18u);
  EXPECT_EQ(mapping_.rows, 10667u);
  EXPECT_TRUE(fs::exists(mapping_.rejects_file));
  auto ward = unit_info_json(*store_, "00004", d("2025-07-01")).value();
  EXPECT_EQ(ward["name"], "Phường Ba Đình");
  EXPECT_EQ(ward["parent"], "01");
  bool truc_bach = false;
  for (const auto& p : ward["predecessors"])
    truc_bach = truc_bach || (p["name"] == "Phường Trúc Bạch" && p["type"] == "full");
  EXPECT_TRUE(truc_bach);
}

TEST_F(NationalUnits, ReimportingTheListsChangesNothing) {
  const int64_t units = store_->count_rows(StoredTable::kUnits);
  const int64_t links = store_->count_rows(StoredTable::kUnitLinks);
  auto again = import("vn-units-from-2025-07-01.json", ImportKind::kUnits, "2025-07-01");
  EXPECT_TRUE(again.committed);
  import("mapping-2025-07-01-merges.json", ImportKind::kUnitMapping, "2025-07-01", true);
  EXPECT_EQ(store_->count_rows(StoredTable::kUnits), units);
  EXPECT_EQ(store_->count_rows(StoredTable::kUnitLinks), links);
  auto s = register_stats(*store_, std::nullopt, d("2025-07-01")).value();
  EXPECT_EQ(s.units_by_level, (std::map<int, int64_t>{{1, 34}, {2, 3321}}));
}

}  // namespace
