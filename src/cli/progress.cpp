#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace danso::cli {

ProgressPrinter::ProgressPrinter(bool quiet)
    : quiet_(quiet), tty_(isatty(2) != 0), start_(std::chrono::steady_clock::now()), last_(start_) {}

ProgressPrinter::~ProgressPrinter() { finish(); }

void ProgressPrinter::update(std::string_view stage, double fraction) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  const double secs = std::chrono::duration<double>(now - start_).count();
  const int pct = int(fraction * 100 + 0.5);
  if (tty_) {
    if (stage == stage_ && now - last_ < std::chrono::milliseconds(100) && fraction < 1.0) return;
    std::fprintf(stderr, "\r\033[K%6.1fs  %.*s  %3d%%", secs, int(stage.size()), stage.data(), pct);
    std::fflush(stderr);
  } else {
    if (secs < 1.0) return;  // quick work needs no progress lines in logs
    const int tenth = int(fraction * 10);
    if (stage == stage_ && tenth == last_tenth_) return;
    last_tenth_ = tenth;
    std::fprintf(stderr, "%6.1fs  %.*s  %3d%%\n", secs, int(stage.size()), stage.data(), pct);
  }
  if (stage != stage_) last_tenth_ = int(fraction * 10);
  stage_ = std::string(stage);
  last_ = now;
}

void ProgressPrinter::finish() {
  if (quiet_ || !tty_ || stage_.empty()) return;
  std::fprintf(stderr, "\n");
  stage_.clear();
}

}  // namespace danso::cli
