// danso plan import / plan list / targets on a small register with the
// district 446 of the Cẩm Xuyên plan (data/programme/plans): the plan stored
// whole with its audit entry, refused whole when bad, and its targets
// judged from the register, worst first. Names are made up.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli_fixture.h"

namespace fs = std::filesystem;

namespace {

class PlanCli : public danso::test::CliTest {
 protected:
  PlanCli() : CliTest("plan-cli") {}
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(run("init --db " + db()).code, 0);
    import(db(), "units",
           "code,name,level,parent_code,valid_from\n42,Tỉnh Thử,1,,2019-01-01\n446,Huyện Thử,2,42,2019-01-01\n"
           "44601,Xã Một,3,446,2019-01-01\n4460101,Thôn Một,4,44601,2019-01-01\n");
    import(db(), "households", "id,village_code,registered_on\n1,4460101,2019-01-01\n2,4460101,2019-01-01\n");
    // Three persons living there through 2024; a fourth registered in 2025.
    import(db(), "persons",
           "id,household_id,name,sex,birth_date,registered_on\n1,1,Lê Văn Một,M,1980-03-01,2019-01-01\n"
           "2,1,Trần Thị Hai,F,1985-05-01,2019-01-01\n3,2,Phạm Văn Ba,M,1950-07-01,2019-01-01\n"
           "4,2,Đỗ Thị Bốn,F,1990-01-01,2025-02-01\n");
  }
  std::string db() const { return path("p.db"); }
  static std::string plan_file() { return std::string(DANSO_PROJECT_DATA) + "/programme/plans/cam-xuyen-2021-2030.json"; }
};

TEST_F(PlanCli, APlanIsImportedOnceAndItsTargetsJudgedFromTheRegister) {
  Output r = run("plan import --db " + db() + " --file " + plan_file());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("plan imported: 1"), std::string::npos) << r.out;
  r = run("plan list --db " + db());
  EXPECT_NE(r.out.find("1\tcam-xuyen-2021-2030\t446 Cẩm Xuyên\t2021-01-01..2030-12-31\t25 "), std::string::npos) << r.out;
  // The same number again: refused, nothing written.
  r = run("plan import --db " + db() + " --file " + plan_file());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("a plan numbered 'cam-xuyen-2021-2030' already exists"), std::string::npos) << r.err;
  const std::string list = run("plan list --db " + db()).out;
  EXPECT_EQ(std::count(list.begin(), list.end(), '\n'), 1) << list;
  // The import is in the audit log, which verifies.
  r = run("audit verify --db " + db());
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  r = run("targets --db " + db() + " --plan 1 --year 2024 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["unit"], "446");
  EXPECT_EQ(j["year"], 2024);
  ASSERT_EQ(j["targets"].size(), 25u);
  int last = 100;
  nlohmann::json outlook;
  const std::map<std::string, int> severity = {{"missed", 6}, {"off_track", 5}, {"at_risk", 4}, {"no_data", 3},
                                               {"undefined", 2}, {"on_track", 1}, {"met", 0}};
  for (const auto& t : j["targets"]) {
    const int s = severity.at(t["status"].get<std::string>());
    EXPECT_LE(s, last) << t["key"];  // worst first
    last = s;
    if (t["key"] == "population") {
      // Three persons at the end of 2024, against "about 160,000 (±8,000)
      // by 2030" with no baseline: expected the goal itself, far off.
      EXPECT_EQ(t["value"], 3);
      EXPECT_EQ(t["source"], "register");
      EXPECT_EQ(t["expected"], 160000);
      EXPECT_EQ(t["gap"], 3 - 160000);
      EXPECT_EQ(t["status"], "off_track");
      EXPECT_EQ(t["goal"]["year"], 2030);
      EXPECT_EQ(t["goal"]["tolerance"], 8000);
      outlook = t["outlook"];
    }
    if (t["key"] == "urban_share") {  // entered by hand; none entered yet
      EXPECT_TRUE(t["indicator"].is_null());
      EXPECT_TRUE(t["value"].is_null());
      EXPECT_EQ(t["status"], "no_data");
    }
    if (t["key"] == "hdi") {
      EXPECT_EQ(t["status"], "undefined");  // the plan gives no number
    }
  }
  // The population target's outlook: the district's projection from the
  // register, from 2025 to the goal's year, as danso project gives it.
  const Output projected = run("project --db " + db() + " --unit 446 --from 2025 --to 2030 --format json");
  if (projected.code == 0) {
    const auto p = nlohmann::json::parse(projected.out);
    ASSERT_TRUE(outlook.is_object()) << outlook;
    EXPECT_EQ(outlook["year"], 2030);
    EXPECT_DOUBLE_EQ(outlook["population"].get<double>(), p["years"].back()["summary"]["population"].get<double>());
    EXPECT_EQ(outlook["meets_goal"], false);  // nowhere near 160,000
  } else {
    EXPECT_TRUE(outlook.is_null()) << outlook << projected.err;
  }
  // A manual target's figure entered by hand, then replaced: judged with it.
  r = run("plan value --db " + db() + " --plan 1 --target urban_share --unit 446 --year 2024 --value 20");
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("plan value --db " + db() + " --plan 1 --target urban_share --unit 446 --year 2024 --value 35.5");
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("plan value --db " + db() + " --plan 1 --target population --unit 446 --year 2024 --value 5");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("target 'population' is counted from the register (population)"), std::string::npos) << r.err;
  r = run("plan value --db " + db() + " --plan 1 --target nothing --unit 446 --year 2024 --value 5");
  EXPECT_NE(r.err.find("the plan has no target 'nothing'"), std::string::npos) << r.err;
  r = run("targets --db " + db() + " --plan 1 --year 2024 --format json");
  const auto judged = nlohmann::json::parse(r.out);
  for (const auto& t : judged["targets"])
    if (t["key"] == "urban_share") {
      EXPECT_EQ(t["value"], 35.5);  // the later figure; at least 31 by 2030, no baseline: on track
      EXPECT_EQ(t["source"], "manual");
      EXPECT_EQ(t["status"], "on_track");
    }
  EXPECT_EQ(run("audit verify --db " + db()).code, 0);
  // 2025 counts the fourth person; a year after the plan's goals is judged
  // as met or missed.
  r = run("targets --db " + db() + " --plan 1 --year 2031 --format csv");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("population,population,,,2031,4,register,2030,about,160000,160000,-159996,missed,"),
            std::string::npos)
      << r.out;
}

// On a demo province of 10,000 persons the population target's outlook is
// the province's projection from the register to 2030, as danso project
// gives it, and is judged against the goal.
TEST_F(PlanCli, APopulationTargetHasTheOutlookOfTheRegistersProjection) {
  const std::string demo = (dir_ / "demo.db").string();
  ASSERT_EQ(run("demo --db " + demo + " --persons 10000 --seed 1 --quiet").code, 0);
  ASSERT_EQ(run("plan import --db " + demo + " --file " + plan_file() + " --unit 99").code, 0);
  Output r = run("targets --db " + demo + " --plan 1 --year 2025 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto judged = nlohmann::json::parse(r.out);
  nlohmann::json outlook;
  for (const auto& t : judged["targets"])
    if (t["key"] == "population") outlook = t["outlook"];
  r = run("project --db " + demo + " --unit 99 --from 2026 --to 2030 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const double projected = nlohmann::json::parse(r.out)["years"].back()["summary"]["population"].get<double>();
  ASSERT_TRUE(outlook.is_object()) << outlook;
  EXPECT_EQ(outlook["year"], 2030);
  EXPECT_DOUBLE_EQ(outlook["population"].get<double>(), projected);
  EXPECT_GT(projected, 9000);
  EXPECT_EQ(outlook["meets_goal"], std::fabs(projected - 160000) <= 8000);
  r = run("targets --db " + demo + " --plan 1 --year 2025");
  EXPECT_NE(r.out.find("(dự báo / outlook 2030: " + std::to_string(std::lround(projected)) + ", không đạt / misses)"),
            std::string::npos)
      << r.out;
}

TEST_F(PlanCli, BadPlansAndRequestsAreRefusedInBothLanguages) {
  // A unit the register does not have.
  Output r = run("plan import --db " + db() + " --file " + plan_file() + " --unit 999");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("the register has no unit coded '999'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("sổ không có đơn vị mã '999'"), std::string::npos) << r.err;
  // A file with a bad goal kind: the field named.
  std::ifstream in(plan_file());
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = nlohmann::json::parse(ss.str());
  doc["targets"][2]["goals"][0]["kind"] = "below";
  const std::string bad = (dir_ / "bad.json").string();
  std::ofstream(bad) << doc.dump();
  r = run("plan import --db " + db() + " --file " + bad);
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("targets[2].goals[0].kind"), std::string::npos) << r.err;
  EXPECT_EQ(run("plan list --db " + db()).out, "");
  r = run("plan import --db " + db() + " --file " + (dir_ / "none.json").string());
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("cannot read the file"), std::string::npos) << r.err;
  // A plan that does not exist, a unit outside the register.
  r = run("targets --db " + db() + " --plan 7 --year 2024");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no plan with id 7"), std::string::npos) << r.err;
  ASSERT_EQ(run("plan import --db " + db() + " --file " + plan_file() + " --unit 44601").code, 0);
  r = run("plan list --db " + db());
  EXPECT_NE(r.out.find("44601 Xã Một"), std::string::npos) << r.out;  // adopted by the commune
  r = run("targets --db " + db() + " --plan 1 --year 2024 --unit 12345");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("12345"), std::string::npos) << r.err;
}

}  // namespace
