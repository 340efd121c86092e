// danso budget import / report on a small register: a district exactly at
// the 0.15% floor, a commune below it, one without figures; a file with a
// bad row refused whole; figures entered again replace the earlier ones.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli_fixture.h"

namespace {

class BudgetCli : public danso::test::CliTest {
 protected:
  BudgetCli() : CliTest("budget-cli") {}
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(run("init --db " + db()).code, 0);
    import(db(), "units",
           "code,name,level,parent_code,valid_from\n42,Tỉnh Thử,1,,2019-01-01\n446,Huyện Thử,2,42,2019-01-01\n"
           "44601,Xã Một,3,446,2019-01-01\n44602,Xã Hai,3,446,2019-01-01\n4460101,Thôn Một,4,44601,2019-01-01\n");
  }
  std::string db() const { return path("b.db"); }
  nlohmann::json report() {
    const Output r = run("budget report --db " + db() + " --year 2024 --format json");
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(BudgetCli, UnitsAreJudgedAgainstTheFloor) {
  write("ngan-sach.csv",
        "unit_code,year,regular_spending_vnd,population_spending_vnd,note\n"
        "446,2024,20000000000,30000000,dự toán\n44601,2024,3000000000,4000000,\n");
  Output r = run("budget import --db " + db() + " --file " + path("ngan-sach.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("written: 2 dòng / rows"), std::string::npos) << r.out;
  nlohmann::json rep = report();
  EXPECT_EQ(rep["unit"], "42");
  ASSERT_EQ(rep["units"].size(), 3u);
  // 30,000,000 of 20,000,000,000 is exactly 0.15%: meets the floor.
  EXPECT_EQ(rep["units"][0]["unit"], "446");
  EXPECT_DOUBLE_EQ(rep["units"][0]["share_percent"].get<double>(), 0.15);
  EXPECT_EQ(rep["units"][0]["status"], "meets");
  // 4,000,000 of 3,000,000,000 is 0.133%: below.
  EXPECT_EQ(rep["units"][1]["unit"], "44601");
  EXPECT_NEAR(rep["units"][1]["share_percent"].get<double>(), 0.13333, 1e-4);
  EXPECT_EQ(rep["units"][1]["status"], "below");
  EXPECT_EQ(rep["units"][2]["status"], "missing");
  r = run("budget report --db " + db() + " --year 2024");
  EXPECT_NE(r.out.find("3 đơn vị / units; dưới mức / below the floor: 1; chưa có số liệu / missing: 1"),
            std::string::npos) << r.out;
  // Entered again: the commune's new figures replace the old (5,000,000: 0.167%).
  write("sua.csv", "unit_code,year,regular_spending_vnd,population_spending_vnd\n44601,2024,3000000000,5000000\n");
  ASSERT_EQ(run("budget import --db " + db() + " --file " + path("sua.csv")).code, 0);
  rep = report();
  EXPECT_EQ(rep["units"][1]["status"], "meets");
  EXPECT_EQ(rep["units"][1]["population_spending_vnd"], 5000000);
  EXPECT_EQ(run("audit verify --db " + db()).code, 0);
}

TEST_F(BudgetCli, ABadFileIsRefusedWhole) {
  const std::string header = "unit_code,year,regular_spending_vnd,population_spending_vnd\n";
  const std::pair<std::string, std::string> bad[] = {
      {"446,2024,1000,2000\n", "population spending is more than the total regular spending"},
      {"4460101,2024,1000,1\n", "no district or commune coded '4460101'"},
      {"446,2024,0,0\n", "regular_spending_vnd"},
      {"446,2024,1000.5,1\n", "regular_spending_vnd"},
      {"446,2024,1000,1\n446,2024,1000,2\n", "this unit and year are on an earlier row"},
  };
  for (const auto& [rows, message] : bad) {
    write("bad.csv", header + "44602,2024,1000000,1500\n" + rows);
    const Output r = run("budget import --db " + db() + " --file " + path("bad.csv"));
    EXPECT_EQ(r.code, 2) << rows;
    EXPECT_NE(r.err.find(message), std::string::npos) << rows << r.err;
    EXPECT_NE(r.err.find("nothing written"), std::string::npos);
  }
  // Not even the good first row was written.
  const nlohmann::json after = report();
  for (const auto& u : after["units"]) EXPECT_EQ(u["status"], "missing");
}

}  // namespace
