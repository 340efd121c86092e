// The command line reaches the database only through app/ (app/database.h
// opens it, whatever the engine): no file of src/cli includes a header of
// src/store. A new command that opens the SQLite adapter itself fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> files_including_store(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".h") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line))
      if (line.rfind("#include \"store/", 0) == 0) out.push_back(entry.path().filename().string() + ": " + line);
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
  const auto found = files_including_store(cli);
  std::ostringstream list;
  for (const auto& f : found) list << f << "\n";
  EXPECT_TRUE(found.empty()) << list.str();
}
