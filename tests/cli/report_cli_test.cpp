// danso report on a small register: the province's deadlines shown (the
// defaults), set (audited), refused for a district; completeness of a month
// with no report yet (every commune overdue) and the rates over a range;
// the data quality checks of a year read from the register.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli_fixture.h"

namespace {

class ReportCli : public danso::test::CliTest {
 protected:
  ReportCli() : CliTest("report-cli") {}
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(run("init --db " + db()).code, 0);
    import(db(), "units",
           "code,name,level,parent_code,valid_from\n42,Tỉnh Thử,1,,2019-01-01\n446,Huyện Thử,2,42,2019-01-01\n"
           "44601,Xã Một,3,446,2019-01-01\n44602,Xã Hai,3,446,2019-01-01\n");
  }
  std::string db() const { return path("t.db"); }
};

TEST_F(ReportCli, DeadlinesShownSetAndUsed) {
  Output r = run("report deadlines --db " + db() + " --unit 44601");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Tỉnh / province 42 Tỉnh Thử (mặc định / defaults)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ngày / day 5 tháng sau"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("báo cáo năm / yearly: 12-10"), std::string::npos) << r.out;

  r = run("report deadlines --db " + db() + " --unit 446 --monthly-day 10");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("deadlines are set by a province: '446' is not one"), std::string::npos) << r.err;
  r = run("report deadlines --db " + db() + " --unit 42 --yearly 02-30");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("MM-DD"), std::string::npos) << r.err;

  r = run("report deadlines --db " + db() + " --unit 42 --monthly-day 10 --yearly 12-05");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("ngày / day 10 tháng sau"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ngày / day 15 tháng sau quý"), std::string::npos) << r.out;  // kept
  EXPECT_NE(r.out.find("báo cáo năm / yearly: 12-05"), std::string::npos) << r.out;

  // May 2025 is now due on 10 June: neither commune has a report.
  r = run("report completeness --db " + db() + " --unit 42 --period 2025-05 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json c = nlohmann::json::parse(r.out);
  EXPECT_EQ(c["due"], "2025-06-10");
  ASSERT_EQ(c["rows"].size(), 2u);
  EXPECT_EQ(c["rows"][0]["unit"], "44601");
  EXPECT_EQ(c["rows"][0]["status"], "not_started");
  EXPECT_GT(c["rows"][0]["days_overdue"].get<int>(), 0);
  EXPECT_EQ(c["total"]["expected"], 2);
  EXPECT_EQ(c["total"]["reporting_rate"], 0.0);

  r = run("report completeness --db " + db() + " --unit 42 --from 2025-Q1 --to 2025-Q2 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json q = nlohmann::json::parse(r.out);
  ASSERT_EQ(q["periods"].size(), 2u);
  EXPECT_EQ(q["periods"][0]["due"], "2025-04-15");
  EXPECT_EQ(q["periods"][1]["expected"], 1);  // the one district owes form 01-DSH
}

TEST_F(ReportCli, DataQualityReadsTheRegister) {
  // A village with no slip all year: each month of it is listed.
  import(db(), "units", "code,name,level,parent_code,valid_from\n4460101,Thôn Một,4,44601,2019-01-01\n");
  Output r = run("report quality --db " + db() + " --unit 42 --period 2025");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("42 Tỉnh Thử 2025: 1 thôn / villages"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("villages with no slip: 12"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2025-07\t4460101\tThôn Một"), std::string::npos) << r.out;
}

}  // namespace
