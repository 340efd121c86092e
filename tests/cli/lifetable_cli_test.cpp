// danso lifetable end to end: the binary on the CSV files of
// tests/data/demography/, its JSON, CSV and table output, and its errors in
// Vietnamese and English.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct Run {
  int code = -1;
  std::string out, err;
};

Run run(const std::string& args) {
  const std::string err_file = ::testing::TempDir() + "lifetable_cli_stderr-" + std::to_string(getpid()) + ".txt";
  const std::string cmd = std::string(DANSO_BINARY) + " " + args + " 2>" + err_file;
  Run r;
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

std::string data(const std::string& name) { return std::string(DANSO_TEST_DATA) + "/demography/" + name; }

TEST(lifetable_cli, AustriaMales1992FromDeathsPopulationAndGivenAx) {
  // Preston et al. (2001) Box 3.1: lx, ndx and nLx agree with the printed
  // whole numbers to the rounding; e0 = 72.889.
  auto r = run("lifetable --input " + data("austria_1992_males.csv") + " --sex male --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 19u);
  EXPECT_NEAR(j["e0"].get<double>(), 72.889, 5e-4);
  EXPECT_NEAR(j["rows"][1]["lx"].get<double>(), 99133, 0.5);
  EXPECT_NEAR(j["rows"][13]["dx"].get<double>(), 7467, 0.5);
  EXPECT_NEAR(j["rows"][17]["Lx"].get<double>(), 145182, 0.5);
  EXPECT_NEAR(j["rows"][18]["Lx"].get<double>(), 110889, 0.5);
  EXPECT_TRUE(j["rows"][18]["n"].is_null());
  EXPECT_DOUBLE_EQ(j["rows"][3]["ax"].get<double>(), 3.143);
  EXPECT_EQ(j["method"]["ax_rules"][0], "given");
  EXPECT_EQ(j["method"]["a0"], "given");
  EXPECT_EQ(j["method"]["ax_rules"][18], "1/M");
  EXPECT_EQ(j["method"]["sex"], "male");
  EXPECT_DOUBLE_EQ(j["method"]["radix"].get<double>(), 100000);
}

TEST(lifetable_cli, RatesWithDefaultRulesAndRadix) {
  auto r = run("lifetable --input " + data("austria_1992_males_rates.csv") + " --sex male --radix 1 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  // Table 3.3 gives the book's a0 and 4a1 to three decimals; n/2 elsewhere.
  EXPECT_NEAR(j["rows"][0]["ax"].get<double>(), 0.068, 5e-4);
  EXPECT_NEAR(j["rows"][1]["ax"].get<double>(), 1.626, 5e-4);
  EXPECT_DOUBLE_EQ(j["rows"][2]["ax"].get<double>(), 2.5);
  EXPECT_EQ(j["method"]["a0"], "coale-demeny");
  EXPECT_EQ(j["method"]["ax_rules"][2], "n/2");
  EXPECT_DOUBLE_EQ(j["rows"][0]["lx"].get<double>(), 1.0);
  EXPECT_NEAR(j["e0"].get<double>(), 72.889, 0.1);
  auto ak = run("lifetable --input " + data("austria_1992_males_rates.csv") + " --sex male --a0-rule andreev-kingkade");
  ASSERT_EQ(ak.code, 0) << ak.err;
  const double m0 = 419.0 / 47925;
  auto k = nlohmann::json::parse(ak.out);
  EXPECT_NEAR(k["rows"][0]["ax"].get<double>(), 0.14929 - 1.99545 * m0, 1e-12);
  EXPECT_EQ(k["method"]["a0"], "andreev-kingkade");
}

TEST(lifetable_cli, ConstantHazardOpenGroupAndCsvAndTable) {
  auto r = run("lifetable --input " + data("constant_hazard_rates.csv") + " --format csv");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("age,n,mx,qx,ax,lx,dx,Lx,Tx,ex,ax_rule\n", 0), 0u) << r.out;
  // The open group 10+ has e = 1/M = 50 exactly.
  EXPECT_NE(r.out.find("\n10,,0.02,1,50,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",50,1/M\n"), std::string::npos) << r.out;
  auto t = run("lifetable --input " + data("constant_hazard_rates.csv") + " --format table");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("e0 = "), std::string::npos);
  EXPECT_NE(t.out.find("  50.00\n"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("nax: 0-1 coale-demeny, 5 n/2, 10+ 1/M\n"), std::string::npos) << t.out;
}

TEST(lifetable_cli, BadInputsFailWithBothLanguages) {
  struct Case {
    std::string file, en;
  };
  for (const Case& c : {Case{"missing_population.csv", "give a column mx, or both columns deaths and population"},
                        Case{"not_a_number.csv", "row 3, column mx: not a non-negative number 'abc'"},
                        Case{"negative_exposure.csv", "row 3, column population: not a positive number '-4000'"},
                        Case{"no_open_group.csv", "the last age group must be open"},
                        Case{"does_not_exist.csv", "does_not_exist.csv"}}) {
    auto r = run("lifetable --input " + data(c.file));
    EXPECT_EQ(r.code, 2) << c.file;
    EXPECT_TRUE(r.out.empty()) << c.file;
    EXPECT_NE(r.err.find("Lỗi: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.en), std::string::npos) << c.file << ": " << r.err;
  }
  auto radix = run("lifetable --input " + data("constant_hazard_rates.csv") + " --radix 0");
  EXPECT_EQ(radix.code, 2);
  EXPECT_NE(radix.err.find("--radix must be a positive number"), std::string::npos) << radix.err;
  EXPECT_NE(run("lifetable --input " + data("constant_hazard_rates.csv") + " --sex other").code, 0);
}

}  // namespace
