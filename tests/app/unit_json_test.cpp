// The JSON unit files (the national list, the reform's mapping) whatever
// they hold: a member of another type than the format says (a number for a
// code, an array for a name, an entry that is not an object) is an issue
// naming its place in the file, and a number too large for a double is
// invalid JSON, never an exception (which the command line reported as an
// internal error); nothing is written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/import/import.h"
#include "store/sqlite/sqlite_store.h"
#include "store/engine_store.h"

namespace fs = std::filesystem;
using namespace danso;

namespace {

class UnitJson : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-unitjson-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = test::open_test_store((dir_ / "u.db").string());
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    // Two provinces before the reform, the one they became after it.
    auto r = run(ImportKind::kUnits, "units.csv",
                 "code,name,kind,level,parent_code,valid_from,valid_to\n"
                 "01,Tỉnh Một,province,1,,2008-01-01,2025-06-30\n"
                 "001,Huyện Một,district,2,01,2008-01-01,2025-06-30\n"
                 "00001,Xã Một,commune,3,001,2008-01-01,2025-06-30\n"
                 "02,Tỉnh Hai,province,1,,2008-01-01,2025-06-30\n"
                 "03,Tỉnh Ba,province,1,,2025-07-01,\n"
                 "00010,Xã Mười,commune,2,03,2025-07-01,\n");
    ASSERT_TRUE(r.ok() && r->committed) << (r.ok() ? "" : r.error().en);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  Result<ImportReport> run(ImportKind kind, const std::string& name, const std::string& text) {
    const std::string file = (dir_ / name).string();
    std::ofstream(file, std::ios::binary) << text;
    ImportOptions o;
    o.file = file;
    o.kind = kind;
    o.today = Date::parse("2026-01-01").value();
    o.valid_from = Date::parse("2025-07-01").value();
    return import_file(*store_, o);
  }
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(UnitJson, AMappingWithMembersOfTheWrongTypeIsRefusedNamingThem) {
  const int64_t links = store_->count_rows(StoredTable::kUnitLinks);
  auto r = run(ImportKind::kUnitMapping, "mapping.json",
               R"({"data": [
                    {"level1_id": "03", "merges": [{"old_id": 1, "type": "full"},
                                                   {"old_id": "02", "type": ["partial"], "name": 7},
                                                   "not an object",
                                                   {"old_id": "01", "type": "full", "name": {"a": 1}}]},
                    42,
                    {"level1_id": 3, "merges": [{"old_id": "02", "type": "full"}]},
                    {"level1_id": "03", "level2s": [null, {"level2_id": "00010", "merges": [{"old_id": "00001", "type": "full"}]}]}
                  ]})");
  ASSERT_TRUE(r.ok()) << r.error().en;
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(store_->count_rows(StoredTable::kUnitLinks), links);
  std::vector<std::string> columns;
  for (const auto& i : r->issues) columns.push_back(i.column);
  EXPECT_EQ(columns, (std::vector<std::string>{"data[0].merges[0].old_id", "data[0].merges[1].type",
                                               "data[0].merges[2].type", "data[2].level1_id"}));
}

TEST_F(UnitJson, AUnitListWithMembersOfTheWrongTypeIsRefusedNamingThem) {
  const int64_t units = store_->count_rows(StoredTable::kUnits);
  auto r = run(ImportKind::kUnits, "list.json",
               R"([{"Code": 3, "FullName": "Tỉnh Ba", "Wards": []},
                   "a province",
                   {"Code": "03", "FullName": ["Tỉnh Ba"], "Wards": [5, {"Code": "00010", "FullName": "Xã Mười"}]}])");
  ASSERT_TRUE(r.ok()) << r.error().en;
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(store_->count_rows(StoredTable::kUnits), units);
  std::vector<std::string> columns;
  for (const auto& i : r->issues) columns.push_back(i.column);
  EXPECT_EQ(columns, (std::vector<std::string>{"[0].Code", "[1].Code", "[2].FullName", "[2].Wards[0].Code",
                                               "[2].Wards[1]"}));
}

// Found by fuzz_import_unit_list: a number too large for a double made
// nlohmann::json throw out_of_range, which the JSON reader did not catch.
TEST_F(UnitJson, ANumberTooLargeIsInvalidJsonNotACrash) {
  for (const auto kind : {ImportKind::kUnits, ImportKind::kUnitMapping}) {
    auto r = run(kind, "big.json", "[\n  88800000E000000000000000000070000001]\n }\n]");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "file");
    EXPECT_NE(r.error().en.find("invalid JSON"), std::string::npos) << r.error().en;
    EXPECT_NE(r.error().en.find("number overflow"), std::string::npos) << r.error().en;
  }
}

}  // namespace
