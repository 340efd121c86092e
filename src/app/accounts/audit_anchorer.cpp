#include "app/accounts/audit_anchorer.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"

namespace danso::accounts {

std::string anchor_log_line(int64_t now, const std::string& key, const std::string& text) {
  nlohmann::ordered_json j{{"time", iso_instant(now)}, {key, text}};
  return j.dump();
}

AuditAnchorer::AuditAnchorer(Store& store, std::mutex& store_mu, Anchoring anchoring, int64_t every_seconds,
                             std::function<int64_t()> clock, std::function<void(std::string)> log)
    : store_(store),
      store_mu_(store_mu),
      anchoring_(std::move(anchoring)),
      every_(std::max<int64_t>(1, every_seconds)),
      clock_(std::move(clock)),
      log_(std::move(log)) {}

AuditAnchorer::~AuditAnchorer() { stop(); }

Status AuditAnchorer::start() {
  if (auto st = anchoring_.check_head(store_, &store_mu_); !st) return st;
  auto line = anchoring_.anchor(store_, clock_(), &store_mu_);
  if (!line) return line.error();
  if (*line) log_(anchor_log_line(clock_(), "audit_anchor", **line));
  thread_ = std::thread([this] { run(); });
  return {};
}

void AuditAnchorer::anchor_now() {
  if (refused_) return;
  auto line = anchoring_.anchor(store_, clock_(), &store_mu_);
  if (!line) {
    if (line.error().code == ErrorCode::kFailedPrecondition) refused_ = true;
    log_(anchor_log_line(clock_(), "audit_anchor_error", line.error().en));
    return;
  }
  if (*line) log_(anchor_log_line(clock_(), "audit_anchor", **line));
}

void AuditAnchorer::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::seconds(every_), [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    anchor_now();
    lock.lock();
  }
}

void AuditAnchorer::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || !thread_.joinable()) {
      stopping_ = true;
      return;
    }
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  anchor_now();
}

}  // namespace danso::accounts
