// The danso binary run as a user runs it, in a folder of its own per test:
// run("import --db ...") gives the exit code and both outputs; import()
// writes a CSV and imports it (asserting it went in); write() and path()
// for other files. The folder is removed after the test.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace danso::test {

class CliTest : public ::testing::Test {
 protected:
  struct Output {
    int code;
    std::string out, err;
  };
  // `prefix` names the folder: danso-PREFIX-PID-TEST.
  explicit CliTest(std::string prefix) : prefix_(std::move(prefix)) {}
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("danso-" + prefix_ + "-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Output run(const std::string& args) {
    const std::string out = path("out.txt"), err = path("err.txt");
    const int status = std::system((std::string(DANSO_BINARY) + " " + args + " > " + out + " 2> " + err).c_str());
    return {WEXITSTATUS(status), slurp(out), slurp(err)};
  }
  static std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) { std::ofstream(path(name), std::ios::binary) << text; }
  // Writes `csv` as KIND.csv and imports it into `db`.
  void import(const std::string& db, const std::string& kind, const std::string& csv) {
    write(kind + ".csv", csv);
    const Output r = run("import --db " + db + " --kind " + kind + " " + path(kind + ".csv"));
    ASSERT_EQ(r.code, 0) << r.err << r.out;
  }

  std::filesystem::path dir_;

 private:
  std::string prefix_;
};

}  // namespace danso::test
