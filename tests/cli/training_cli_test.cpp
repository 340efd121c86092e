// danso training on a small register: the Hậu Giang training plan adopted
// for the test province, collaborators joining and leaving during the
// year, an every-year target counting only the year's completions,
// spending against the 737,740,000 đ budget, and bad files refused whole.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "app/xlsx_cells.h"
#include "cli/cli_fixture.h"

namespace {

const std::string kPlanFile = std::string(DANSO_PROJECT_DATA) + "/programme/training/hau-giang-2022-2030.json";

class TrainingCli : public danso::test::CliTest {
 protected:
  TrainingCli() : CliTest("training-cli") {}
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(run("init --db " + db()).code, 0);
    import(db(), "units",
           "code,name,level,parent_code,valid_from\n42,Tỉnh Thử,1,,2019-01-01\n446,Huyện Thử,2,42,2019-01-01\n"
           "44601,Xã Một,3,446,2019-01-01\n44602,Xã Hai,3,446,2019-01-01\n4460101,Thôn Một,4,44601,2019-01-01\n"
           "4460201,Thôn Hai,4,44602,2019-01-01\n");
    // 3 left in June 2025, 4 joined in October 2025; 6 and 7 work at the
    // province, 8 is the commune's population officer.
    import(db(), "staff",
           "id,name,sex,role,unit_code,duties,start,end\n"
           "1,Nguyễn Thị An,F,collaborator,4460101,population,2020-01-01,\n"
           "2,Trần Văn Bình,M,collaborator,4460101,population,2020-01-01,\n"
           "3,Lê Thị Cúc,F,collaborator,4460201,population,2020-01-01,2025-06-30\n"
           "4,Phạm Văn Dũng,M,collaborator,4460201,population,2025-10-01,\n"
           "5,Hoàng Thị Em,F,collaborator,4460201,population,2021-01-01,\n"
           "6,Võ Văn Phúc,M,province_staff,42,population,2020-01-01,\n"
           "7,Đặng Thị Giang,F,province_staff,42,population,2020-01-01,\n"
           "8,Bùi Văn Hải,M,commune_officer,44601,population,2020-01-01,\n");
  }
  std::string db() const { return path("t.db"); }
  Output import_file(const std::string& what, const std::string& name, const std::string& text) {
    write(name, text);
    return run("training " + what + " import --db " + db() + " --file " + path(name));
  }
  void load_all() {
    Output r = run("training import --db " + db() + " --unit 42 --file " + kPlanFile);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("hau-giang-2022-2030"), std::string::npos) << r.out;
    r = import_file("members", "thanh-vien.csv",
                    "staff_id,group,unit_code,start,end\n6,province_population_civil_servants,42,2020-01-01,\n"
                    "7,province_population_civil_servants,42,2020-01-01,\n");
    ASSERT_EQ(r.code, 0) << r.err;
    r = import_file("sessions", "lop.csv",
                    "session,plan,course,course_title,course_kind,unit_code,start,end,cost_vnd,place\n"
                    "S1,hau-giang-2022-2030,CTV-2023,Tập huấn cộng tác viên 2023,collaborator_training,446,2023-05-10,"
                    "2023-05-12,12000000,Hội trường huyện\n"
                    "S2,hau-giang-2022-2030,CTV-2024,Tập huấn cộng tác viên 2024,collaborator_training,44601,2024-03-04,"
                    "2024-03-06,8500000,\n"
                    "S3,hau-giang-2022-2030,CTV-2025,Tập huấn cộng tác viên 2025,collaborator_training,44602,2025-11-10,"
                    "2025-11-12,9000000,\n"
                    "S4,hau-giang-2022-2030,CN-2024,Cập nhật kiến thức 2024,yearly_update,42,2024-09-16,2024-09-20,15000000,\n"
                    "S5,hau-giang-2022-2030,CN-2025,Cập nhật kiến thức 2025,yearly_update,42,2025-09-15,2025-09-19,16500000,\n");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("written: 5 dòng / rows"), std::string::npos) << r.out;
    r = import_file("participants", "hoc-vien.csv",
                    "session,staff_id,attended,completed,completed_on\nS1,2,1,1,\nS2,1,1,1,2024-03-06\nS2,3,1,1,\n"
                    "S3,4,1,1,\nS3,5,1,0,\nS4,6,1,1,\nS4,7,1,1,\nS5,6,1,1,\nS5,7,0,0,\n");
    ASSERT_EQ(r.code, 0) << r.err;
  }
  nlohmann::json coverage(const std::string& unit, int year) {
    const Output r = run("training coverage --db " + db() + " --unit " + unit + " --year " + std::to_string(year) +
                         " --format json");
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  static nlohmann::json row(const nlohmann::json& cov, const std::string& group, const std::string& kind) {
    for (const auto& r : cov["plans"][0]["rows"])
      if (r["group"] == group && r["course_kind"] == kind) return r;
    ADD_FAILURE() << "no row " << group << "/" << kind;
    return {};
  }
};

TEST_F(TrainingCli, CoverageCountsWhoIsInTheGroupOnTheYearsLastDay) {
  load_all();
  const nlohmann::json c = coverage("42", 2025);
  EXPECT_EQ(c["on"], "2025-12-31");
  ASSERT_EQ(c["plans"].size(), 1u);
  EXPECT_EQ(c["plans"][0]["unit"], "42");
  ASSERT_EQ(c["plans"][0]["rows"].size(), 10u);
  // Collaborators on 31 December 2025: 1, 2, 5 and 4 (joined in October);
  // 3 left in June and is not counted though she completed in 2024.
  // Covered: 1 (2024), 2 (2023: any year counts), 4 (November 2025); 5
  // attended without completing. 3 of 4 = 75% against 100%: not met.
  const nlohmann::json ctv = row(c, "collaborators", "collaborator_training");
  EXPECT_EQ(ctv["members"], 4);
  EXPECT_EQ(ctv["covered"], 3);
  EXPECT_DOUBLE_EQ(ctv["percent"].get<double>(), 75.0);
  EXPECT_EQ(ctv["target_percent"], 100.0);
  EXPECT_EQ(ctv["met"], false);
  // Updated every year, 70%: in 2025 only 6 (7 did not attend): 50%, not met.
  const nlohmann::json upd = row(c, "province_population_civil_servants", "yearly_update");
  EXPECT_EQ(upd["every_year"], true);
  EXPECT_EQ(upd["members"], 2);
  EXPECT_EQ(upd["covered"], 1);
  EXPECT_DOUBLE_EQ(upd["percent"].get<double>(), 50.0);
  EXPECT_EQ(upd["met"], false);
  // The commune officer is a public employee (role_groups), with none of the three courses.
  const nlohmann::json fp = row(c, "public_employees", "fp_standard_3m");
  EXPECT_EQ(fp["members"], 1);
  EXPECT_EQ(fp["covered"], 0);
  // No member: no coverage rather than 0%.
  EXPECT_TRUE(row(c, "health_leaders", "pd_management")["percent"].is_null());
  // Spending of the province and all below it: 9,000,000 + 16,500,000 in
  // 2025; 61,000,000 from 2022 to 2025, 8.27% of 737,740,000.
  const nlohmann::json s = c["plans"][0]["spending"];
  EXPECT_EQ(s["budget_vnd"], 737740000);
  EXPECT_EQ(s["year_vnd"], 25500000);
  EXPECT_EQ(s["sessions_in_year"], 2);
  EXPECT_EQ(s["to_date_vnd"], 61000000);
  EXPECT_NEAR(s["used_percent"].get<double>(), 8.2685, 1e-4);
  EXPECT_EQ(s["by_year"], nlohmann::json::parse("[[2023,12000000],[2024,23500000],[2025,25500000]]"));

  // The unit directly below, the district: the same collaborators.
  ASSERT_EQ(c["plans"][0]["children"].size(), 1u);
  EXPECT_EQ(c["plans"][0]["children"][0]["unit"], "446");
  const size_t ctv_index = 9;  // the plan's last target
  EXPECT_EQ(c["plans"][0]["rows"][ctv_index]["group"], "collaborators");
  EXPECT_EQ(c["plans"][0]["children"][0]["rows"][ctv_index]["members"], 4);
  EXPECT_EQ(c["plans"][0]["children"][0]["rows"][ctv_index]["covered"], 3);

  // A year earlier: 3 was still a member and covered, 4 not yet one: 3 of 4.
  // Both provincial civil servants updated in 2024: 100%, met.
  const nlohmann::json c24 = coverage("42", 2024);
  EXPECT_EQ(row(c24, "collaborators", "collaborator_training")["members"], 4);
  EXPECT_EQ(row(c24, "collaborators", "collaborator_training")["covered"], 3);
  EXPECT_EQ(row(c24, "province_population_civil_servants", "yearly_update")["covered"], 2);
  EXPECT_EQ(row(c24, "province_population_civil_servants", "yearly_update")["met"], true);

  // The district: its collaborators (all of them), not the province's civil
  // servants; the sessions it and its communes held.
  const nlohmann::json d = coverage("446", 2025);
  EXPECT_EQ(row(d, "collaborators", "collaborator_training")["members"], 4);
  EXPECT_TRUE(row(d, "province_population_civil_servants", "yearly_update")["percent"].is_null());
  EXPECT_EQ(d["plans"][0]["spending"]["year_vnd"], 9000000);
  EXPECT_EQ(d["plans"][0]["spending"]["to_date_vnd"], 29500000);
  // Its communes: Xã Một with 1 and 2, both covered (met); Xã Hai with 4 and 5, one covered.
  const nlohmann::json kids = d["plans"][0]["children"];
  ASSERT_EQ(kids.size(), 2u);
  EXPECT_EQ(kids[0]["unit"], "44601");
  EXPECT_EQ(kids[0]["rows"][ctv_index]["members"], 2);
  EXPECT_EQ(kids[0]["rows"][ctv_index]["met"], true);
  EXPECT_EQ(kids[1]["unit"], "44602");
  EXPECT_EQ(kids[1]["rows"][ctv_index]["covered"], 1);
  EXPECT_DOUBLE_EQ(kids[1]["rows"][ctv_index]["percent"].get<double>(), 50.0);
  // The commune Xã Hai: 4 and 5, one covered.
  const nlohmann::json x = coverage("44602", 2025);
  EXPECT_EQ(row(x, "collaborators", "collaborator_training")["members"], 2);
  EXPECT_EQ(row(x, "collaborators", "collaborator_training")["covered"], 1);

  const Output table = run("training coverage --db " + db() + " --unit 42 --year 2025");
  EXPECT_EQ(table.code, 0);
  EXPECT_NE(table.out.find("collaborators\tcollaborator_training\t3/4\t75.0%\t≥ 100%\tchưa đạt / not met"),
            std::string::npos) << table.out;
  EXPECT_EQ(run("audit verify --db " + db()).code, 0);
}

TEST_F(TrainingCli, TheYearlyReportHasATrainingSection) {
  load_all();
  const std::string xlsx = path("bao-cao.xlsx"), html = path("bao-cao.html");
  const Output r = run("yearly-report --db " + db() + " --unit 42 --year 2025 --output " + xlsx + " --html " + html);
  ASSERT_EQ(r.code, 0) << r.err;
  // The fifth sheet, after targets, attention, rewards and budgets.
  const auto sheet = danso::testing::read_xlsx(slurp(xlsx), 5);
  EXPECT_EQ(sheet.cells.at("A1"), "BÁO CÁO NĂM 2025 VỀ CÔNG TÁC DÂN SỐ — 42 Tỉnh Thử");
  bool found = false;
  for (int row = 1; row < 40; ++row) {
    const auto group = sheet.cells.find("B" + std::to_string(row));
    if (group == sheet.cells.end() || group->second != "Cộng tác viên dân số") continue;
    found = true;
    EXPECT_EQ(sheet.cells.at("D" + std::to_string(row)), "4");
    EXPECT_EQ(sheet.cells.at("E" + std::to_string(row)), "3");
    EXPECT_EQ(sheet.cells.at("F" + std::to_string(row)), "75");
    EXPECT_EQ(sheet.cells.at("H" + std::to_string(row)), "chưa đạt");
  }
  EXPECT_TRUE(found) << sheet.sheet_xml;
  const std::string page = slurp(html);
  EXPECT_NE(page.find("<h2>5. Đào tạo, bồi dưỡng (thành viên ngày 2025-12-31)</h2>"), std::string::npos);
  EXPECT_NE(page.find("<td class=\"n\">3 / 4</td><td class=\"n\">75.0%</td><td>≥ 100% đến 2030</td>"
                      "<td class=\"s-missed\">chưa đạt</td>"), std::string::npos) << page;
  EXPECT_NE(page.find("năm 2025 đã chi 25.500.000 đồng (2 lớp); từ đầu kế hoạch đến hết năm 61.000.000 / 737.740.000 đồng (8.3%)"),
            std::string::npos) << page;
}

TEST_F(TrainingCli, NeedsListsWhoStillNeedsWhichCourseByName) {
  load_all();
  Output r = run("training needs --db " + db() + " --unit 42 --group collaborators --year 2025 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json n = nlohmann::json::parse(r.out);
  ASSERT_EQ(n["count"], 1);
  EXPECT_EQ(n["needs"][0]["staff_id"], 5);
  EXPECT_EQ(n["needs"][0]["name"], "Hoàng Thị Em");
  EXPECT_EQ(n["needs"][0]["unit"], "4460201");
  EXPECT_EQ(n["needs"][0]["course_kind"], "collaborator_training");
  // Every group: also 7 (not updated in 2025) and 8 (three courses of public employees).
  r = run("training needs --db " + db() + " --unit 42 --year 2025 --format json");
  n = nlohmann::json::parse(r.out);
  EXPECT_EQ(n["count"], 5);
  r = run("training needs --db " + db() + " --unit 42 --group khong_co --year 2025");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no training plan of the unit has a group 'khong_co'"), std::string::npos) << r.err;
}

TEST_F(TrainingCli, BadFilesAreRefusedWhole) {
  // A plan with a target above 100%: refused naming the field, nothing stored.
  std::string plan = CliTest::slurp(kPlanFile);
  const std::string good = "\"coverage_percent\": 80";
  plan.replace(plan.find(good), good.size(), "\"coverage_percent\": 120");
  write("plan.json", plan);
  Output r = run("training import --db " + db() + " --unit 42 --file " + path("plan.json"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("groups[5].targets[0].coverage_percent: phải lớn hơn 0 và không quá 100"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("must be above 0 and at most 100"), std::string::npos) << r.err;
  EXPECT_TRUE(coverage("42", 2025)["plans"].empty());
  r = run("training import --db " + db() + " --unit 77 --file " + kPlanFile);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no unit coded '77'"), std::string::npos) << r.err;

  ASSERT_EQ(run("training import --db " + db() + " --unit 42 --file " + kPlanFile).code, 0);
  EXPECT_EQ(run("training import --db " + db() + " --unit 42 --file " + kPlanFile).code, 2);  // already imported
  const std::string head = "session,plan,course,course_title,course_kind,unit_code,start,end,cost_vnd\n";
  const std::string ok = "S1,hau-giang-2022-2030,C1,Lớp một,collaborator_training,446,2025-05-10,2025-05-12,1000000\n";
  const std::pair<std::string, std::string> bad_sessions[] = {
      {"S2,hau-giang-2022-2030,C2,Lớp hai,khong_co,446,2025-05-10,2025-05-12,1\n", "has no course kind 'khong_co'"},
      {"S2,khong-co,C2,Lớp hai,collaborator_training,446,2025-05-10,2025-05-12,1\n", "no training plan 'khong-co'"},
      {"S2,hau-giang-2022-2030,C2,Lớp hai,collaborator_training,446,2025-05-12,2025-05-10,1\n", "the end is before the start"},
      {"S2,hau-giang-2022-2030,C2,Lớp hai,collaborator_training,446,2025-05-10,2025-05-12,1.5\n", "cost_vnd"},
      {"S2,hau-giang-2022-2030,C2,Lớp hai,collaborator_training,999,2025-05-10,2025-05-12,1\n", "no unit coded '999'"},
      {"S1,hau-giang-2022-2030,C1,Lớp một,collaborator_training,446,2025-05-10,2025-05-12,1\n", "is on an earlier row"},
      {"S2,hau-giang-2022-2030,C1,Lớp khác,collaborator_training,446,2025-05-10,2025-05-12,1\n",
       "has another plan, title or kind"},
  };
  for (const auto& [rows, message] : bad_sessions) {
    r = import_file("sessions", "bad.csv", head + ok + rows);
    EXPECT_EQ(r.code, 2) << rows;
    EXPECT_NE(r.err.find(message), std::string::npos) << rows << r.err;
    EXPECT_NE(r.err.find("nothing written"), std::string::npos);
  }
  EXPECT_EQ(coverage("42", 2025)["plans"][0]["spending"]["to_date_vnd"], 0);  // not even the good row

  ASSERT_EQ(import_file("sessions", "ok.csv", head + ok).code, 0);
  const std::string phead = "session,staff_id,attended,completed,completed_on\nS1,1,1,1,\n";
  const std::pair<std::string, std::string> bad_participants[] = {
      {"S1,2,0,1,\n", "completed without attending"},
      {"S9,2,1,1,\n", "no session 'S9' imported"},
      {"S1,99,1,1,\n", "the staff registry has no person 99"},
      {"S1,2,1,1,2025-06-01\n", "outside the session (2025-05-10 - 2025-05-12)"},
      {"S1,2,1,0,2025-05-12\n", "a completion date without completing"},
      {"S1,1,1,0,\n", "this person is on an earlier row of the session"},
  };
  for (const auto& [rows, message] : bad_participants) {
    r = import_file("participants", "bad.csv", phead + rows);
    EXPECT_EQ(r.code, 2) << rows;
    EXPECT_NE(r.err.find(message), std::string::npos) << rows << r.err;
  }
  EXPECT_EQ(row(coverage("42", 2025), "collaborators", "collaborator_training")["covered"], 0);

  const std::string mhead = "staff_id,group,unit_code,start,end\n6,health_leaders,42,2020-01-01,\n";
  const std::pair<std::string, std::string> bad_members[] = {
      {"7,khong_co,42,2020-01-01,\n", "no imported training plan has a group 'khong_co'"},
      {"7,health_leaders,42,2020-01-01,2019-01-01\n", "the end is before the start"},
      {"6,health_leaders,42,2020-01-01,\n", "this person, group and start are on an earlier row"},
      {"7,health_leaders,999,2020-01-01,\n", "no unit coded '999'"},
  };
  for (const auto& [rows, message] : bad_members) {
    r = import_file("members", "bad.csv", mhead + rows);
    EXPECT_EQ(r.code, 2) << rows;
    EXPECT_NE(r.err.find(message), std::string::npos) << rows << r.err;
  }
  EXPECT_EQ(row(coverage("42", 2025), "health_leaders", "pd_management")["members"], 0);
}

}  // namespace
