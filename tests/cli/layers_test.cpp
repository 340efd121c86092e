// The command line and the server reach the database only through app/
// (app/database.h opens it, whatever the engine): no file of src/cli or
// src/http includes a header of src/store, and no file of src/http takes
// the Database's store or lock (app/ calls hold them). A new command that
// opens the SQLite adapter itself, or a route that queries the store, fails
// here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Lines of the .cpp and .h files under `dir` that contain `needle` (at
// their start when `at_start`).
std::vector<std::string> lines_with(const fs::path& dir, const std::string& needle, bool at_start) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".h") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line))
      if (at_start ? line.rfind(needle, 0) == 0 : line.find(needle) != std::string::npos)
        out.push_back(entry.path().filename().string() + ": " + line);
  }
  return out;
}

}  // namespace

TEST(Layers, TheCommandLineNeverIncludesTheStore) {
  const fs::path cli = fs::path(DANSO_PROJECT_DATA) / ".." / "src" / "cli";
  ASSERT_TRUE(fs::is_directory(cli)) << cli;
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(cli)) files += e.path().extension() == ".cpp";
  EXPECT_GT(files, 10u);
  const auto found = lines_with(cli, "#include \"store/", true);
  std::ostringstream list;
  for (const auto& f : found) list << f << "\n";
  EXPECT_TRUE(found.empty()) << list.str();
}

TEST(Layers, TheServerNeverTouchesTheStore) {
  const fs::path http = fs::path(DANSO_PROJECT_DATA) / ".." / "src" / "http";
  ASSERT_TRUE(fs::is_directory(http)) << http;
  std::vector<std::string> found = lines_with(http, "#include \"store/", true);
  for (const char* call : {".store()", ".mutex()", "store_mu"})
    for (auto& line : lines_with(http, call, false)) found.push_back(std::move(line));
  std::ostringstream list;
  for (const auto& f : found) list << f << "\n";
  EXPECT_TRUE(found.empty()) << list.str();
}
