// The access log's own thread writes every queued line, in order, before
// it is destroyed; past its capacity lines are counted and the count written.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "http/access_log.h"

using danso::http::AccessLog;

namespace {

std::string contents(std::FILE* f) {
  std::rewind(f);
  std::string out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  return out;
}

}  // namespace

TEST(AccessLog, EveryLineIsWrittenInOrderBeforeItCloses) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    AccessLog log(f);
    for (int i = 0; i < 5000; ++i) log.write("{\"n\":" + std::to_string(i) + "}");
  }
  const std::string text = contents(f);
  std::string expected;
  for (int i = 0; i < 5000; ++i) expected += "{\"n\":" + std::to_string(i) + "}\n";
  EXPECT_EQ(text, expected);
  std::fclose(f);
}

TEST(AccessLog, LinesPastTheCapacityAreCountedNotKept) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  size_t lines = 0, dropped = 0;
  {
    AccessLog log(f, 3);
    for (int i = 0; i < 20000; ++i) log.write("x");
  }
  const std::string text = contents(f);
  for (size_t at = 0, nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1) {
    const std::string line = text.substr(at, nl - at);
    if (line == "x") ++lines;
    else if (line.rfind("{\"dropped_lines\":", 0) == 0) dropped += std::stoul(line.substr(17));
    else ADD_FAILURE() << "unexpected line " << line;
  }
  EXPECT_EQ(lines + dropped, 20000u);  // each line written or counted, none lost silently
  std::fclose(f);
}
