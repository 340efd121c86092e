// The server's anchoring of the audit log (audit_anchor.h): at start, the
// log is checked against the latest anchor (a server does not start on a log
// cut short, rewritten or emptied since) and its head anchored; while it
// serves, the head is anchored again within `every` seconds of a write (at
// most one anchor per period, none while nothing is written); at stop, once
// more. Each anchor line also goes to the server's log. An anchor refused
// because the log no longer reaches the one before it (the file was changed
// under the running server) is logged, and no later head is anchored.
//
//   AuditAnchorer anchorer(store, store_mu, std::move(anchoring), 60, clock, log);
//   if (auto st = anchorer.start(); !st) ...   // refuse to serve
//   ...
//   anchorer.stop();                           // after the server stopped
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "app/accounts/audit_anchor.h"

namespace danso::accounts {

class AuditAnchorer {
 public:
  AuditAnchorer(Store& store, std::mutex& store_mu, Anchoring anchoring, int64_t every_seconds,
                std::function<int64_t()> clock, std::function<void(std::string)> log);
  ~AuditAnchorer();
  AuditAnchorer(const AuditAnchorer&) = delete;
  AuditAnchorer& operator=(const AuditAnchorer&) = delete;

  Status start();
  void stop();

 private:
  void run();
  void anchor_now();

  Store& store_;
  std::mutex& store_mu_;
  Anchoring anchoring_;
  const int64_t every_;
  std::function<int64_t()> clock_;
  std::function<void(std::string)> log_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool refused_ = false;  // the log stopped reaching the latest anchor: nothing more is anchored
  std::thread thread_;
};

// A line of the server's log: {"time":..., "<key>": text}.
std::string anchor_log_line(int64_t now, const std::string& key, const std::string& text);

}  // namespace danso::accounts
