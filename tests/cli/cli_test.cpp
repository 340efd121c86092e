// The danso command end to end: exit codes, both languages on errors, JSON
// output, and a kill during an import leaving the database as it was.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Output {
  int code;
  std::string out, err;
};

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("danso-cli-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Output run(const std::string& args) {
    const std::string out = (dir_ / "out.txt").string(), err = (dir_ / "err.txt").string();
    const std::string cmd = std::string(DANSO_BINARY) + " " + args + " > " + out + " 2> " + err;
    const int status = std::system(cmd.c_str());
    auto slurp = [](const std::string& p) {
      std::ifstream in(p);
      std::stringstream ss;
      ss << in.rdbuf();
      return ss.str();
    };
    return {WEXITSTATUS(status), slurp(out), slurp(err)};
  }
  std::string file(const std::string& name, const std::string& text) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  std::string db() { return (dir_ / "c.db").string(); }

  fs::path dir_;
};

const char* kUnits =
    "code,name,level,parent_code,valid_from\n99,Tỉnh Thử,1,,2019-01-01\n990,Huyện Một,2,99,2019-01-01\n"
    "99001,Xã Hai,3,990,2019-01-01\n9900101,Thôn Đông,4,99001,2019-01-01\n";

TEST_F(Cli, InitImportStatsUnitExport) {
  ASSERT_EQ(run("init --db " + db()).code, 0);
  ASSERT_EQ(run("import --db " + db() + " --kind units " + file("units.csv", kUnits)).code, 0);
  ASSERT_EQ(run("import --db " + db() + " --kind households " +
                file("h.csv", "id,village_code,registered_on\n1,9900101,2019-01-01\n"))
                .code,
            0);
  ASSERT_EQ(run("import --db " + db() + " --kind persons " +
                file("p.csv", "id,household_id,name,sex,birth_date,registered_on\n1,1,Một,F,1990-01-01,2019-01-01\n"
                              "2,1,Hai,M,1991-01-01,2019-01-01\n"))
                .code,
            0);
  auto stats = run("stats --db " + db() + " --at 2025-06-30 --format json");
  ASSERT_EQ(stats.code, 0) << stats.err;
  auto j = nlohmann::json::parse(stats.out);
  EXPECT_EQ(j["at"], "2025-06-30");
  EXPECT_EQ(j["units_by_level"]["4"], 1);
  EXPECT_EQ(j["households"], 1);
  EXPECT_EQ(j["persons"], 2);
  EXPECT_EQ(j["events_by_type"]["birth"], 0);
  auto unit = run("unit --db " + db() + " --code 99001 --at 2024-01-01 --format json");
  ASSERT_EQ(unit.code, 0);
  auto u = nlohmann::json::parse(unit.out);
  EXPECT_EQ(u["name"], "Xã Hai");
  EXPECT_EQ(u["level"], 3);
  EXPECT_EQ(u["parent"], "990");
  const std::string exported = (dir_ / "units-out.csv").string();
  ASSERT_EQ(run("export --db " + db() + " --kind units --output " + exported).code, 0);
  std::ifstream in(exported);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_NE(ss.str().find("99001,Xã Hai,commune,3,990,2019-01-01,,0,0,0,0,0"), std::string::npos) << ss.str();
}

TEST_F(Cli, ABadFileExitsOneAndSpeaksBothLanguages) {
  ASSERT_EQ(run("init --db " + db()).code, 0);
  auto r = run("import --db " + db() + " --kind units " + file("bad.csv", "code,name,level,valid_from\n99,Tỉnh,1,2019-02-30\n"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("dòng 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("row 2, column valid_from, value '2019-02-30'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Nothing written"), std::string::npos);
}

TEST_F(Cli, MissingDatabaseAndBadOptions) {
  auto r = run("stats --db " + (dir_ / "none.db").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("danso init --db"), std::string::npos) << r.err;
  EXPECT_NE(run("stats --db " + db() + " --format xml").code, 0);
  EXPECT_NE(run("no-such-command").code, 0);
  // Every command opens its database through one door, which picks the
  // engine a location asks for: a PostgreSQL server that is not there is
  // named plainly in both languages (a socket folder that does not exist).
  for (const char* cmd : {"stats", "indicators --period 2024 --all", "export --kind units", "import --kind units x.csv"}) {
    r = run(std::string(cmd) + " --db 'postgresql:///danso?host=" + (dir_ / "no-server").string() + "'");
    EXPECT_NE(r.code, 0) << cmd;
    EXPECT_NE(r.err.find("cannot connect to the PostgreSQL server"), std::string::npos) << cmd << ": " << r.err;
    EXPECT_NE(r.err.find("không kết nối được máy chủ PostgreSQL"), std::string::npos) << cmd << ": " << r.err;
  }
}

// serve --snapshot-db names a hot standby of a PostgreSQL --db: with a
// SQLite --db it stops before listening, in both languages.
TEST_F(Cli, ServeRefusesASnapshotSourceBesideASqliteDatabase) {
  ASSERT_EQ(run("init --db " + db()).code, 0);
  const auto r = run("serve --db " + db() + " --listen 127.0.0.1:0 --snapshot-db 'postgresql:///danso?host=" +
                     (dir_ / "no-server").string() + "'");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("Error: --snapshot-db: only for a PostgreSQL --db and a PostgreSQL --snapshot-db"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("Lỗi: --snapshot-db: chỉ dùng được khi --db và --snapshot-db đều là máy chủ PostgreSQL"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("listening on"), std::string::npos) << r.out;
}

// A kill in the middle of a large import leaves the database as it was.
TEST_F(Cli, KilledImportLeavesTheDatabaseAsItWas) {
  ASSERT_EQ(run("init --db " + db()).code, 0);
  ASSERT_EQ(run("import --db " + db() + " --kind units " + file("units.csv", kUnits)).code, 0);
  std::string households = "id,village_code,address,registered_on\n";
  for (int i = 1; i <= 400000; ++i)
    households += std::to_string(i) + ",9900101,\"Số " + std::to_string(i) + ", Thôn Đông\",2019-01-01\n";
  const std::string big = file("big.csv", households);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(DANSO_BINARY, DANSO_BINARY, "import", "--db", db().c_str(), "--kind", "households", "--quiet", big.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  int status = 0;
  const bool finished_early = waitpid(pid, &status, WNOHANG) == pid;
  if (!finished_early) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  ASSERT_FALSE(finished_early) << "the import finished before it could be killed; make the file larger";
  EXPECT_TRUE(WIFSIGNALED(status));
  auto stats = run("stats --db " + db() + " --at 2025-01-01 --format json");
  ASSERT_EQ(stats.code, 0) << stats.err;
  EXPECT_EQ(nlohmann::json::parse(stats.out)["households"], 0);
  auto check = std::system(("sqlite3 " + db() + " 'PRAGMA integrity_check' | grep -qx ok").c_str());
  EXPECT_EQ(WEXITSTATUS(check), 0);
}

}  // namespace

namespace {

TEST_F(Cli, LifeTableFromDeathsAndPopulation) {
  // 1m0 = 500/10000 = 0.05 and an open group 1+ with M = 0.1: e0 = 10.4806... (see life_table_test).
  auto r = run("lifetable --input " + file("lt.csv", "age,n,deaths,population\n0,1,500,10000\n1,,900,9000\n") +
               " --sex female --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["e0"].get<double>(), 10.48060748786466, 1e-9);
  EXPECT_NEAR(j["rows"][0]["qx"].get<double>(), 0.048060748786466094, 1e-12);
  EXPECT_TRUE(j["rows"][1]["n"].is_null());
  EXPECT_EQ(j["method"]["a0"], "coale-demeny");
  auto ak = run("lifetable --input " + file("lt2.csv", "age,n,mx\n0,1,0.01\n1,,0.1\n") + " --sex male --a0-rule andreev-kingkade --format json");
  ASSERT_EQ(ak.code, 0) << ak.err;
  EXPECT_NEAR(nlohmann::json::parse(ak.out)["rows"][0]["ax"].get<double>(), 0.1293355, 1e-12);
  auto bad = run("lifetable --input " + file("bad.csv", "age,n,mx\n0,1,0.01\n1,4,0.1\n"));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("the last age group must be open"), std::string::npos) << bad.err;
}

}  // namespace

namespace {

TEST_F(Cli, ProjectFromJson) {
  // One step by hand (see projection_test): births 47.5, girls 23.75 x 0.95.
  auto r = run("project --format json --input " +
               file("p.json", R"({"step":5,"steps":2,"base_year":2020,"srb":[1.0,1.0],
                 "female":{"population":[100,100,100],"survival":[0.9,0.8,0.95],"asfr":{"5":0.1}},
                 "male":{"population":[100,100,100],"survival":[0.9,0.8,0.95]}})"));
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["steps"].size(), 2u);
  EXPECT_EQ(j["steps"][0]["year"], 2025);
  EXPECT_DOUBLE_EQ(j["steps"][0]["births"]["total"].get<double>(), 47.5);
  EXPECT_DOUBLE_EQ(j["steps"][0]["births"]["by_mother_age"]["5"].get<double>(), 47.5);
  EXPECT_DOUBLE_EQ(j["steps"][0]["female"]["population"][0].get<double>(), 22.5625);
  EXPECT_DOUBLE_EQ(j["steps"][1]["female"]["population"][1].get<double>(), 22.5625 * 0.9);
  // Death rates instead of survival: a life table per sex (ages 0, 1, 5, 10+).
  auto mx = run("project --format json --input " +
                file("m.json", R"({"step":5,"female":{"population":[10,10,10],"mx":[0.02,0.002,0.001,0.05]},
                  "male":{"population":[10,10,10],"mx":[0.02,0.002,0.001,0.05]}})"));
  ASSERT_EQ(mx.code, 0) << mx.err;
  const double p1 = nlohmann::json::parse(mx.out)["steps"][0]["female"]["population"][1].get<double>();
  EXPECT_GT(p1, 9.8);
  EXPECT_LT(p1, 10.0);
  auto bad = run("project --input " + file("b.json", R"({"female":{"population":[1,2,3]},"male":{"population":[1,2,3]}})"));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("needs exactly one of Lx, survival, mx"), std::string::npos) << bad.err;
}

}  // namespace
