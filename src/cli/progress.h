// Progress on standard error for long work: one updating line on a terminal,
// a line per stage and tenth otherwise (logs, CI), nothing with --quiet.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace danso::cli {

class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool quiet);
  ~ProgressPrinter();
  void update(std::string_view stage, double fraction);
  void finish();

 private:
  bool quiet_;
  bool tty_;
  std::string stage_;
  int last_tenth_ = -1;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace danso::cli
