// The indicators a running server shows, kept ready between requests.
//
// The register snapshot is loaded at the first request. A write that changes
// what the indicators read (register_changed()) does not make the next
// request wait for a whole reload: a refresh starts in the background, a
// request waits for it at most `fresh_wait`, and otherwise is answered from
// the snapshot it has, marked stale, until the refresh is in. Writes during a
// refresh start another after it. Each snapshot keeps its reporter (whose
// counts per period are computed once) and the answers already rendered
// (memo), which are dropped with it.
//
//   IndicatorService svc(store, store_mu);
//   auto snap = svc.current();                 // loads on first use
//   if (!snap) ... snap.error() ...
//   auto json = (*snap)->compute([&](IndicatorReporter& r) { return r.report("99", period, false); });
//   svc.register_changed();                    // after a birth is recorded
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "app/indicator_report.h"
#include "core/result.h"
#include "store/store.h"

namespace danso {

// One loaded register and what has been computed from it.
class IndicatorSnapshot {
 public:
  IndicatorSnapshot(analytics::RegisterSnapshot snapshot, const analytics::IndicatorCatalogue& catalogue,
                    uint64_t changes_seen, std::string loaded_at)
      : snapshot_(std::move(snapshot)), reporter_(snapshot_, catalogue), changes_seen_(changes_seen),
        loaded_at_(std::move(loaded_at)) {}

  // Runs `f` with the reporter, one caller at a time (it keeps its counts).
  template <typename F>
  auto compute(F&& f) {
    std::lock_guard<std::mutex> lock(mu_);
    return f(reporter_);
  }
  // An answer rendered from this snapshot under `key`; null when none yet.
  std::shared_ptr<const std::string> memo(const std::string& key) const;
  void remember(const std::string& key, std::shared_ptr<const std::string> body);

  uint64_t changes_seen() const { return changes_seen_; }  // the changes it holds
  const std::string& loaded_at() const { return loaded_at_; }  // ISO instant (UTC)

 private:
  static constexpr size_t kMaxMemo = 20000;
  analytics::RegisterSnapshot snapshot_;
  IndicatorReporter reporter_;
  const uint64_t changes_seen_;
  const std::string loaded_at_;
  std::mutex mu_;
  mutable std::mutex memo_mu_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> memo_;
};

class IndicatorService {
 public:
  struct Options {
    std::chrono::milliseconds fresh_wait{2000};  // how long a request waits for a refresh
    // A connection of the snapshot's own to load it through, in one read
    // transaction, so that a reload takes no lock the requests need (opened
    // for each load; when empty or failing, the shared store under store_mu).
    std::function<Result<std::unique_ptr<Store>>()> open_reader;
  };
  IndicatorService(Store& store, std::mutex& store_mu, Options options);
  IndicatorService(Store& store, std::mutex& store_mu) : IndicatorService(store, store_mu, Options{}) {}
  ~IndicatorService();  // waits for a refresh in progress

  // The newest snapshot: loaded now at the first call; after a change, the
  // refreshed one if it is in within `fresh_wait`, else the previous one.
  Result<std::shared_ptr<IndicatorSnapshot>> current();
  // The newest snapshot when it holds every change, without waiting or
  // loading; null otherwise.
  std::shared_ptr<IndicatorSnapshot> ready();
  // Whether `snap` misses a change (a refresh is on its way).
  bool stale(const IndicatorSnapshot& snap) const { return snap.changes_seen() < changes_.load(); }
  // A write changed the register as the indicators read it.
  void register_changed();
  // A slip of this type was recorded (register_changed() when the indicators read it).
  void event_recorded(EventType type);

  const analytics::IndicatorCatalogue& catalogue() const { return catalogue_; }
  uint64_t loads() const { return loads_.load(); }  // snapshots loaded so far

 private:
  void start_refresh(std::unique_lock<std::mutex>& lock);  // mu_ held
  void refresh_loop();

  Store& store_;
  std::mutex& store_mu_;
  const Options options_;
  const analytics::IndicatorCatalogue catalogue_ = analytics::IndicatorCatalogue::defaults();
  std::atomic<uint64_t> changes_{0};
  std::atomic<uint64_t> loads_{0};

  std::mutex mu_;  // guards what follows; taken before store_mu, never after
  std::condition_variable loaded_;
  std::shared_ptr<IndicatorSnapshot> current_;
  bool refreshing_ = false;
  bool stopping_ = false;
  std::optional<Error> load_error_;  // the last load's failure, when it failed
  std::thread worker_;
};

}  // namespace danso
