// The access log, written by a thread of its own: a request's thread only
// queues its line (written within 0.1 s, in batches), so a slow disk (the kernel throttling writes while it
// flushes) never holds a connection. Lines are written in the order queued
// and every queued line is written before the destructor returns. When
// more than `capacity` lines wait, further ones are counted, not kept, and
// a line saying how many were dropped is written when there is room again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace danso::http {

class AccessLog {
 public:
  explicit AccessLog(std::FILE* out, size_t capacity = 100000);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(std::string line);

 private:
  void run();
  static constexpr size_t kWakeAt = 512;                                // lines waiting that wake the writer
  static constexpr std::chrono::milliseconds kInterval{100};            // else it looks this often

  std::FILE* out_;
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::string> lines_;
  size_t dropped_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace danso::http
