// danso project end to end: Preston et al. Box 6.2 from a JSON file, a
// multi-step single-year run_project_cli with period-specific inputs, the three output
// formats and the errors in Vietnamese and English.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct Run_ProjectCli {
  int code = -1;
  std::string out, err;
};

Run_ProjectCli run_project_cli(const std::string& args) {
  const std::string err_file = ::testing::TempDir() + "project_cli_stderr-" + std::to_string(getpid()) + ".txt";
  const std::string cmd = std::string(DANSO_BINARY) + " " + args + " 2>" + err_file;
  Run_ProjectCli r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, got);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_file);
  std::stringstream ss;
  ss << e.rdbuf();
  r.err = ss.str();
  return r;
}

std::string data_project_cli(const std::string& name) { return std::string(DANSO_TEST_DATA) + "/demography/" + name; }

std::vector<double> numbers(const nlohmann::json& j) { return j.get<std::vector<double>>(); }

TEST(project_cli, PrestonBox62Sweden1993) {
  auto r = run_project_cli("project --input " + data_project_cli("sweden_1993.json"));
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["steps"].size(), 1u);
  const auto& s = j["steps"][0];
  EXPECT_EQ(s["year"], 1998);
  const std::vector<double> women = {302392, 298682, 252007, 244150, 268267, 293515, 320624, 284767, 288031,
                                     303166, 322062, 243989, 205841, 205516, 205270, 194771, 142565, 131966};
  const auto f = numbers(s["female"]["population"]);
  ASSERT_EQ(f.size(), women.size());
  for (size_t i = 0; i < women.size(); ++i) EXPECT_EQ(std::round(f[i]), women[i]) << "group " << 5 * i;
  EXPECT_EQ(std::round(s["male"]["population"][0].get<double>()), 317340);
  EXPECT_EQ(std::round(s["births"]["by_mother_age"]["25"].get<double>()), 229354);
  EXPECT_EQ(std::round(s["births"]["by_mother_age"]["45"].get<double>()), 472);
  EXPECT_FALSE(s["births"]["by_mother_age"].contains("10"));
  EXPECT_NEAR(s["births"]["male"].get<double>() / s["births"]["female"].get<double>(), 1.05, 1e-12);
  EXPECT_EQ(numbers(s["female"]["deaths"]).size(), women.size());
}

TEST(project_cli, SingleYearStepsWithPeriodSpecificInputs) {
  // Ages 0, 1, 2, 3+; migrants at the end. 2025: births 1·0.2·(100+100)/2 = 20,
  // 10 girls, + 10 migrant girls aged 0. 2026: half of group 0 survives, the
  // births come from age 2 at 0.1: 10, 5 girls, + 10 migrants.
  auto r = run_project_cli("project --input " + data_project_cli("single_year_two_steps.json"));
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["steps"].size(), 2u);
  EXPECT_EQ(j["steps"][0]["year"], 2025);
  EXPECT_EQ(numbers(j["steps"][0]["female"]["population"]), (std::vector<double>{20, 100, 100, 200}));
  EXPECT_EQ(numbers(j["steps"][0]["male"]["population"]), (std::vector<double>{10, 100, 100, 200}));
  EXPECT_EQ(j["steps"][1]["year"], 2026);
  EXPECT_EQ(numbers(j["steps"][1]["female"]["population"]), (std::vector<double>{15, 10, 100, 300}));
  EXPECT_EQ(numbers(j["steps"][1]["male"]["population"]), (std::vector<double>{5, 10, 100, 300}));
  EXPECT_EQ(numbers(j["steps"][1]["female"]["deaths"]), (std::vector<double>{0, 10, 0, 0}));
  EXPECT_DOUBLE_EQ(j["steps"][1]["births"]["by_mother_age"]["2"].get<double>(), 10);
}

TEST(project_cli, CsvAndTable) {
  auto c = run_project_cli("project --input " + data_project_cli("single_year_two_steps.json") + " --format csv");
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_EQ(c.out.rfind("year,sex,age,population,deaths,births_by_mother_age\n", 0), 0u) << c.out;
  EXPECT_NE(c.out.find("\n2025,F,1,100,0,20\n"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("\n2026,F,3+,300,0,0\n"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("\n2026,M,0,5,0,\n"), std::string::npos) << c.out;
  auto t = run_project_cli("project --input " + data_project_cli("sweden_1993.json") + " --format table");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("1998  total"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("302392"), std::string::npos) << t.out;
}

TEST(project_cli, BadInputsFailWithBothLanguages) {
  struct Case {
    std::string file, en;
  };
  for (const Case& c : {Case{"mismatched_lengths.json", "male.net_migration needs one value per age group (3)"},
                        Case{"bad_asfr_age.json", "asfr keys must be the first age of an age group: '17'"},
                        Case{"not_a_number.json", "female.population must be an array of numbers"},
                        Case{"austria_1992_males.csv", "invalid JSON"},
                        Case{"does_not_exist.json", "cannot open the file"}}) {
    auto r = run_project_cli("project --input " + data_project_cli(c.file));
    EXPECT_EQ(r.code, 2) << c.file;
    EXPECT_TRUE(r.out.empty()) << c.file;
    EXPECT_NE(r.err.find("Lỗi: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.en), std::string::npos) << c.file << ": " << r.err;
  }
}

}  // namespace
