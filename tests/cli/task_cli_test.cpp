// danso task on a small register: the shipped task files imported for a
// test province, a file with a problem refused whole, due dates set and
// progress posted, overdue listed, imported again keeping progress, and
// committee members from CSV.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "app/xlsx_cells.h"
#include "cli/cli_fixture.h"

namespace {

class TaskCli : public danso::test::CliTest {
 protected:
  TaskCli() : CliTest("task-cli") {}
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(run("init --db " + db()).code, 0);
    import(db(), "units",
           "code,name,level,parent_code,valid_from\n42,Tỉnh Thử,1,,2019-01-01\n446,Huyện Thử,2,42,2019-01-01\n"
           "44601,Xã Một,3,446,2019-01-01\n447,Huyện Khác,2,42,2019-01-01\n");
  }
  std::string db() const { return path("t.db"); }
  static std::string shipped(const std::string& name) {
    return std::string(DANSO_PROJECT_DATA) + "/programme/tasks/" + name + ".json";
  }
  nlohmann::json list(const std::string& unit, const std::string& extra = "") {
    const Output r = run("task list --db " + db() + " --unit " + unit + " --on 2025-12-11 --format json " + extra);
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  static const nlohmann::json* by_key(const nlohmann::json& tasks, const std::string& set, const std::string& key) {
    for (const auto& t : tasks)
      if (t["set"] == set && t["key"] == key) return &t;
    return nullptr;
  }
};

TEST_F(TaskCli, TheShippedFilesImportForAUnitAndListOverdueFirst) {
  Output r = run("task import --db " + db() + " --unit 42 --file " + shipped("ninh-thuan-2127"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("7 cơ quan / agencies, 3 ban / committees, 19 nhiệm vụ / tasks"), std::string::npos) << r.out;
  r = run("task import --db " + db() + " --unit 446 --file " + shipped("cam-xuyen-2021-2030"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("18 cơ quan / agencies, 2 ban / committees, 39 nhiệm vụ / tasks"), std::string::npos) << r.out;
  r = run("task import --db " + db() + " --unit 42 --file " + shipped("an-giang-de-an-496"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("7 cơ quan / agencies, 3 ban / committees, 15 nhiệm vụ / tasks"), std::string::npos) << r.out;

  // The province sees its two sets and the district's: 19 + 39 + 15.
  nlohmann::json all = list("42");
  EXPECT_EQ(all["tasks"].size(), 73u);
  // The other district sees the province's sets only; the commune its district's too.
  EXPECT_EQ(list("447")["tasks"].size(), 34u);
  EXPECT_EQ(list("44601")["tasks"].size(), 73u);
  // Ninh Thuận's yearly report (t13-t18, due 10 December from 2021): on 11 December
  // 2025 each has five years due and none done, so six tasks are overdue, listed first.
  ASSERT_EQ(all["tasks"][0]["state"], "overdue");
  const nlohmann::json over = list("42", "--overdue");
  ASSERT_EQ(over["tasks"].size(), 6u);
  const nlohmann::json* t13 = by_key(over["tasks"], "ninh-thuan-2127", "t13");
  ASSERT_NE(t13, nullptr);
  EXPECT_EQ((*t13)["missed_years"], (nlohmann::json{2021, 2022, 2023, 2024, 2025}));
  EXPECT_EQ((*t13)["next_due"], "2026-12-10");
  EXPECT_EQ((*t13)["agency"], "health");
  // The health agency's report done for 2021-2025: no longer overdue.
  const std::string id = std::to_string((*t13)["id"].get<int64_t>());
  for (int y = 2021; y <= 2025; ++y)
    ASSERT_EQ(run("task progress --db " + db() + " --task " + id + " --status done --year " + std::to_string(y) +
                  " --note 'Đã gửi báo cáo năm'").code, 0);
  const nlohmann::json after = list("42", "--overdue");
  EXPECT_EQ(after["tasks"].size(), 5u);
  EXPECT_EQ(by_key(after["tasks"], "ninh-thuan-2127", "t13"), nullptr);
  // Per agency, most overdue first; health has reported (2025: done) and has nothing overdue.
  const nlohmann::json agencies = list("42")["agencies"];
  ASSERT_EQ(agencies.size(), 20u);  // 7 agency codes of the province (both sets share them) and 13 of the district
  EXPECT_EQ(agencies[0]["overdue"], 1);
  for (const auto& a : agencies) {
    if (a["unit"] != "42" || a["agency"] != "health") continue;
    EXPECT_EQ(a["tasks"], 10);  // Ninh Thuận's t01-t04, t13 and t19; An Giang's t01-t04
    EXPECT_EQ(a["overdue"], 0);
    EXPECT_EQ(a["done"], 1);
    EXPECT_EQ(a["reported"], 1);
  }
  EXPECT_EQ(run("audit verify --db " + db()).code, 0);
}

TEST_F(TaskCli, AFileWithAProblemIsRefusedWholeWithTheFieldNamed) {
  write("sai.json", R"({"format": "danso-tasks/1", "id": "sai", "plan": null, "unit": {"code": "42", "name": "Tỉnh Thử"},
    "agencies": [{"code": "health", "name_vi": "Sở Y tế"}],
    "committees": [],
    "tasks": [{"id": "t01", "agency": "health", "role": "lead", "with": [], "description_vi": "Việc một"},
              {"id": "t02", "agency": "police", "role": "lead", "with": [], "description_vi": "Việc hai"},
              {"id": "t03", "agency": "health", "role": "boss", "with": [], "description_vi": "Việc ba",
               "due": "2025-12-10", "recurring": "yearly:02-30"}]})");
  Output r = run("task import --db " + db() + " --file " + path("sai.json"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("tasks[1].agency"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no agency 'police' in agencies"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 more problems"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing written"), std::string::npos) << r.err;
  EXPECT_EQ(list("42")["tasks"].size(), 0u);
  // A unit the register lacks.
  r = run("task import --db " + db() + " --file " + shipped("ninh-thuan-2127"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no unit coded '58'"), std::string::npos) << r.err;
}

TEST_F(TaskCli, ImportedAgainATaskKeepsItsIdAndProgressAndOneWithProgressIsNotDropped) {
  const std::string v1 = R"({"format": "danso-tasks/1", "id": "thu", "plan": null, "unit": {"code": "446", "name": "Huyện Thử"},
    "agencies": [{"code": "health", "name_vi": "Phòng Y tế"}, {"code": "culture", "name_vi": "Phòng Văn hóa"}],
    "committees": [{"level": "district", "name_vi": "Ban Chỉ đạo huyện", "members": []}],
    "tasks": [{"id": "t01", "agency": "health", "role": "lead", "with": ["culture"], "description_vi": "Việc một",
               "due": "2025-06-30"},
              {"id": "t02", "agency": "culture", "role": "support", "with": [], "description_vi": "Việc hai"}]})";
  write("v1.json", v1);
  ASSERT_EQ(run("task import --db " + db() + " --file " + path("v1.json")).code, 0);
  nlohmann::json l = list("446");
  const int64_t t01 = (*by_key(l["tasks"], "thu", "t01"))["id"];
  EXPECT_EQ((*by_key(l["tasks"], "thu", "t01"))["state"], "overdue");
  EXPECT_EQ((*by_key(l["tasks"], "thu", "t01"))["with"], nlohmann::json{"culture"});
  ASSERT_EQ(run("task progress --db " + db() + " --task " + std::to_string(t01) + " --status in_progress --year 2025").code, 0);
  // Bad progress: a status, a year to come, a task that does not exist.
  Output r = run("task progress --db " + db() + " --task " + std::to_string(t01) + " --status finished");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("allowed: in_progress, done, blocked"), std::string::npos) << r.err;
  r = run("task progress --db " + db() + " --task 999 --status done");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no task with id 999"), std::string::npos) << r.err;
  // Version 2 renames t01 and drops t02 (no progress: removed).
  std::string v2 = v1;
  v2.replace(v2.find("Việc một"), std::string("Việc một").size(), "Việc một, sửa");
  v2.replace(v2.find(",\n              {\"id\": \"t02\""), std::string::npos, "]}");
  write("v2.json", v2);
  r = run("task import --db " + db() + " --file " + path("v2.json"));
  ASSERT_EQ(r.code, 0) << r.err << "\n" << v2;
  l = list("446");
  ASSERT_EQ(l["tasks"].size(), 1u);
  EXPECT_EQ(l["tasks"][0]["id"], t01);
  EXPECT_EQ(l["tasks"][0]["description_vi"], "Việc một, sửa");
  EXPECT_EQ(l["tasks"][0]["updates"], 1);
  EXPECT_EQ(l["tasks"][0]["last_update"]["status"], "in_progress");
  // A version without t01, which has progress: refused, nothing changed.
  std::string v3 = v1;
  v3.replace(v3.find("{\"id\": \"t01\""), v3.find("{\"id\": \"t02\"") - v3.find("{\"id\": \"t01\""), "");
  write("v3.json", v3);
  r = run("task import --db " + db() + " --file " + path("v3.json"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.err.find("task 't01' of set 'thu' has progress posted"), std::string::npos) << r.err;
  EXPECT_EQ(list("446")["tasks"].size(), 1u);
  // A due date set by hand: yearly from 2024-12-10; 2024 and 2025 missed on 2025-12-11.
  ASSERT_EQ(run("task due --db " + db() + " --task " + std::to_string(t01) + " --due 2024-12-10 --recurring yearly:12-10").code, 0);
  EXPECT_EQ(list("446")["tasks"][0]["missed_years"], (nlohmann::json{2024, 2025}));
  r = run("task due --db " + db() + " --task " + std::to_string(t01) + " --recurring yearly:12-10");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("a yearly task needs its first due date"), std::string::npos) << r.err;
  EXPECT_EQ(run("audit verify --db " + db()).code, 0);
}

TEST_F(TaskCli, CommitteeMembersComeFromAFileCheckedWhole) {
  ASSERT_EQ(run("task import --db " + db() + " --unit 42 --file " + shipped("ninh-thuan-2127")).code, 0);
  Output r = run("task committees --db " + db() + " --unit 42");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("1\t42\tprovince\tTổ chức phối hợp liên ngành"), std::string::npos) << r.out;
  write("sai.csv", "committee_id,name,agency,position,start,end\n1,Trần Thị Thử,health,Trưởng ban,2024-01-01,\n"
                   "1,Lê Văn Thử,police,Thành viên,2024-01-01,\n9,Ngô Văn Thử,,Thành viên,2024-01-01,2023-01-01\n");
  r = run("task committee-members --db " + db() + " --file " + path("sai.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("row 3, column agency"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 more problems"), std::string::npos) << r.err;
  write("ban.csv", "committee_id,name,agency,position,start,end\n1,Trần Thị Thử,health,Trưởng ban,2024-01-01,\n"
                   "1,Lê Văn Thử,finance,Thành viên,2024-01-01,2025-06-30\n");
  r = run("task committee-members --db " + db() + " --file " + path("ban.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("written: 2"), std::string::npos) << r.out;
  r = run("task committees --db " + db() + " --unit 42");
  EXPECT_NE(r.out.find("2 thành viên / members"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tThành viên\tLê Văn Thử\tfinance\t2024-01-01–2025-06-30"), std::string::npos) << r.out;
}

TEST_F(TaskCli, TheYearlyReportListsEachAgencyAndTheOverdueTasks) {
  ASSERT_EQ(run("task import --db " + db() + " --unit 42 --file " + shipped("ninh-thuan-2127")).code, 0);
  const nlohmann::json tasks = list("42")["tasks"];
  const std::string t13 = std::to_string((*by_key(tasks, "ninh-thuan-2127", "t13"))["id"].get<int64_t>());
  const std::string t01 = std::to_string((*by_key(tasks, "ninh-thuan-2127", "t01"))["id"].get<int64_t>());
  for (int y = 2021; y <= 2025; ++y)
    ASSERT_EQ(run("task progress --db " + db() + " --task " + t13 + " --status done --year " + std::to_string(y)).code, 0);
  ASSERT_EQ(run("task progress --db " + db() + " --task " + t01 + " --status blocked --year 2025 --note 'Chờ <hướng dẫn>'").code, 0);
  const std::string xlsx = path("bao-cao.xlsx"), html = path("bao-cao.html");
  const Output r = run("yearly-report --db " + db() + " --unit 42 --year 2025 --output " + xlsx + " --html " + html);
  ASSERT_EQ(r.code, 0) << r.err;
  // Judged on 31 December 2025: the five other agencies' yearly reports (t14-t18) are overdue.
  EXPECT_NE(r.out.find(", 5 nhiệm vụ quá hạn / overdue tasks"), std::string::npos) << r.out;
  const std::string page = slurp(html);
  EXPECT_NE(page.find("<h2>6. Nhiệm vụ các ban, ngành (tình trạng ngày 2025-12-31)</h2>"), std::string::npos);
  // Health: six tasks, two reported on in 2025 (t13 done, t01 blocked), one done, none overdue.
  EXPECT_NE(page.find("<tr><td>Sở Y tế <span class=\"muted\">42</span></td><td class=\"n\">6</td><td class=\"n\">2</td>"
                      "<td class=\"n\">1</td><td class=\"n\">0</td></tr>"),
            std::string::npos) << page;
  EXPECT_NE(page.find("<td class=\"s-overdue\">2021, 2022, 2023, 2024, 2025</td>"), std::string::npos);
  EXPECT_EQ(page.find("Chờ <hướng dẫn>"), std::string::npos);  // escaped
  const std::string workbook = danso::testing::unzip_member(xlsx, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Nhiệm vụ\""), std::string::npos) << workbook;
}

}  // namespace
