#include "http/access_log.h"

namespace danso::http {

AccessLog::AccessLog(std::FILE* out, size_t capacity) : out_(out), capacity_(capacity), writer_([this] { run(); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  ready_.notify_one();
  writer_.join();
}

void AccessLog::write(std::string line) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (lines_.size() >= capacity_) {
      ++dropped_;
      return;
    }
    if (dropped_ > 0) {
      lines_.push_back("{\"dropped_lines\":" + std::to_string(dropped_) + "}");
      dropped_ = 0;
    }
    lines_.push_back(std::move(line));
    wake = lines_.size() == kWakeAt;
  }
  // The writer also looks every kInterval: a line is written within it
  // without waking the writer for each one.
  if (wake) ready_.notify_one();
}

void AccessLog::run() {
  std::deque<std::string> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait_for(lock, kInterval, [&] { return stopping_ || lines_.size() >= kWakeAt; });
      if (lines_.empty() && stopping_) break;
      batch.swap(lines_);
    }
    // One write per batch (the standard error is unbuffered).
    std::string text;
    for (const std::string& line : batch) text.append(line).push_back('\n');
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
    batch.clear();
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (dropped_ > 0) std::fprintf(out_, "{\"dropped_lines\":%zu}\n", dropped_);
  std::fflush(out_);
}

}  // namespace danso::http
