// The indicators a running server shows, kept ready between requests.
//
// The register snapshot is loaded at the first request. A write that changes
// what the indicators read does not make the next request wait: one thread
// of the service's own brings the snapshot up to date in the background
// (a slip's or a person's change applied in place, any other change by a
// reload), and requests are answered from the snapshot there is, marked
// stale, until it is. Only the writer waits for it (at most `fresh_wait`),
// so that whoever recorded a birth sees it counted, while everybody else's
// dashboards go on answering at once however often slips come in; a change
// of no named writer makes every request wait, as the writer's would. While
// writes keep coming, the changes that came during one update in place (or
// reload) are brought in together by the next, after a pause that keeps
// the work at a fraction of a core (`update_pace`, `refresh_pace`). Each
// snapshot keeps its reporter (whose counts per period are computed once)
// and the answers already rendered (memo), which each update drops.
//
//   IndicatorService svc(store, store_mu);
//   auto snap = svc.current();                 // loads on first use
//   if (!snap) ... snap.error() ...
//   auto json = (*snap)->compute([&](IndicatorReporter& r) { return r.report("99", period, false); });
//   svc.persons_changed({mother, child}, principal.session);  // after a birth is recorded
//   svc.current(principal.session);            // that session waits for it (at most fresh_wait)
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>  // std::shared_lock
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "app/database.h"
#include "analytics/person_places.h"
#include "app/indicator_report.h"
#include "app/writer_first_mutex.h"
#include "core/result.h"
#include "store/store.h"

namespace danso {

// One loaded register and what has been computed from it. A write of a
// few persons' records is applied to it in place (update()), which waits
// for the computations and reads in progress and drops what was computed.
class IndicatorSnapshot : public std::enable_shared_from_this<IndicatorSnapshot> {
 public:
  IndicatorSnapshot(analytics::RegisterSnapshot snapshot, const analytics::IndicatorCatalogue& catalogue,
                    uint64_t changes_seen, std::string loaded_at)
      : snapshot_(std::move(snapshot)), places_(analytics::PersonPlaces::of(snapshot_)), reporter_(snapshot_, catalogue),
        changes_seen_(changes_seen), loaded_at_(std::move(loaded_at)) {}

  // Runs `f` with the reporter, one caller at a time (it keeps its counts).
  template <typename F>
  auto compute(F&& f) {
    std::shared_lock<WriterFirstMutex> reading(register_mu_);
    std::lock_guard<std::mutex> lock(mu_);
    return f(reporter_);
  }
  // Runs `f` with the register it holds (read-only), beside compute() and
  // other readers; `f` must not call compute().
  template <typename F>
  auto read_register(F&& f) const {
    std::shared_lock<WriterFirstMutex> reading(register_mu_);
    return f(static_cast<const analytics::RegisterSnapshot&>(snapshot_));
  }
  // The villages of each person of the register it holds (for
  // analytics::person_group): only to be read within read_register().
  const analytics::PersonPlaces& places() const { return places_; }
  // The register it holds, read-only, for as long as the pointer is kept:
  // it keeps the snapshot alive and holds off update() meanwhile (as
  // read_register does); not to be kept across a compute() call.
  std::shared_ptr<const analytics::RegisterSnapshot> pinned() const;
  // Changes the register in place with `f` (no computation or read runs
  // meanwhile), then drops the counts and answers made from it.
  void update(const std::function<void(analytics::RegisterSnapshot&)>& f);
  // Replaces a group of persons' records (analytics::apply_person_group),
  // the counts kept brought up to date rather than dropped; the answers
  // made from it dropped.
  void update_group(const analytics::PersonGroup& g);
  // An answer rendered from this snapshot under `key`; null when none yet.
  std::shared_ptr<const std::string> memo(const std::string& key) const;
  // Keeps `body` under `key` when the register is still as it was at
  // `generation` (read before the answer was made): an answer made before
  // an update is not kept after it.
  void remember(const std::string& key, std::shared_ptr<const std::string> body, uint64_t generation);
  // The answer under `key`: the one kept, else the one being made under it
  // by another request from this snapshot as it is now (waited for, so
  // that many requests for one answer after an update make it once), else
  // make()'s, kept as remember() keeps it. A null from make() (a failure)
  // is not kept, and the requests that waited for it make their own.
  std::shared_ptr<const std::string> memo_or_make(const std::string& key, uint64_t generation,
                                                  const std::function<std::shared_ptr<const std::string>()>& make);
  uint64_t generation() const { return generation_.load(); }  // updates in place so far
  // The CPU time memo_or_make() spent making answers since the last call
  // (what an update's dropping of every answer costs the requests after it).
  std::chrono::nanoseconds take_making_time() { return std::chrono::nanoseconds(making_ns_.exchange(0)); }

  uint64_t changes_seen() const { return changes_seen_.load(); }  // the changes it holds
  void set_changes_seen(uint64_t n) { changes_seen_.store(n); }
  // When its figures were made: loaded, or last updated in place (ISO
  // instant, UTC).
  std::string loaded_at() const;

 private:
  // The answers kept: at most so many, and so many bytes (an answer over an
  // eighth of them is not kept); past either, all are dropped.
  static constexpr size_t kMaxMemo = 20000;
  static constexpr size_t kMaxMemoBytes = size_t(256) << 20;
  analytics::RegisterSnapshot snapshot_;
  analytics::PersonPlaces places_;  // kept up to date by update_group(), for updates in place
  IndicatorReporter reporter_;
  std::atomic<uint64_t> changes_seen_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int64_t> making_ns_{0};
  std::string loaded_at_;  // guarded by memo_mu_
  // Shared: compute() and readers; alone: update() and update_group(),
  // which new readers wait behind (a stream of dashboards computed one after
  // another never holds a write off).
  mutable WriterFirstMutex register_mu_;
  std::mutex mu_;
  mutable std::mutex memo_mu_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> memo_;
  size_t memo_bytes_ = 0;
  struct Making;  // an answer being made (memo_or_make)
  std::unordered_map<std::string, std::shared_ptr<Making>> making_;  // guarded by memo_mu_
};

class IndicatorService {
 public:
  struct Options {
    std::chrono::milliseconds fresh_wait{2000};  // how long a request waits for a refresh
    // A connection of the snapshot's own to load it through, in one read
    // transaction, so that a reload takes no lock the requests need (opened
    // for each load; when empty or failing, the shared store under store_mu).
    std::function<Result<std::unique_ptr<Store>>()> open_reader;
    // While writes keep coming, the pause between two loads, as a multiple
    // of the last load's time (1: reloading takes at most half a core).
    double refresh_pace = 1.0;
    // The indicators computed (the default catalogue when none).
    std::optional<analytics::IndicatorCatalogue> catalogue;
    // While writes keep coming, the pause after an update in place, as a
    // multiple of what the last one cost: its own CPU time and the CPU time
    // the requests then took to make again the answers it dropped (4:
    // keeping the figures live takes at most a fifth of a core). A writer
    // waiting for their change ends the pause.
    double update_pace = 4.0;
    // A connection to the database itself (never a standby, which may lag)
    // through which an update in place reads its persons' records, kept
    // open between updates, so that the writers need not wait for it (when
    // empty or failing, the shared store under store_mu).
    std::function<Result<std::unique_ptr<Store>>()> open_group_reader;
  };
  IndicatorService(Store& store, std::mutex& store_mu, Options options);
  IndicatorService(Store& store, std::mutex& store_mu) : IndicatorService(store, store_mu, Options{}) {}
  IndicatorService(Database& db, Options options) : IndicatorService(db.store(), db.mutex(), std::move(options)) {}
  ~IndicatorService();  // waits for a refresh in progress

  // The newest snapshot: loaded now at the first call. After a change it
  // misses, a refresh is started; a `reader` who made the change (or any
  // reader after a change of no named writer) waits for it at most
  // `fresh_wait`, and everybody gets the newest snapshot there is.
  Result<std::shared_ptr<IndicatorSnapshot>> current(std::string_view reader = {});
  // A snapshot holding every change made before the call (reports, whose
  // figures must be exact): waits for the refresh however many writers
  // there are, up to `limit`; kUnavailable after that.
  Result<std::shared_ptr<IndicatorSnapshot>> exact(std::chrono::milliseconds limit = std::chrono::seconds(120));
  // The newest snapshot when `reader` would not wait for a refresh (it
  // holds their own changes and every change of no named writer), without
  // waiting or loading; null otherwise.
  std::shared_ptr<IndicatorSnapshot> ready(std::string_view reader = {});
  // Whether `snap` misses a change (a refresh is on its way).
  bool stale(const IndicatorSnapshot& snap) const { return snap.changes_seen() < changes_.load(); }
  // A write changed the register as the indicators read it; `writer` names
  // who made it (the session), so that their next request waits for it.
  void register_changed(std::string_view writer = {});
  // A slip of this type was recorded (register_changed() when the indicators read it).
  void event_recorded(EventType type, std::string_view writer = {});
  // A committed write changed the register's records of `persons` (a slip,
  // a birth with its child, a correction or cancellation, a person's
  // facts): applied to the snapshot in place (analytics/snapshot_update.h)
  // by the service's thread, their records read again through the store,
  // so that nobody waits for a reload; the writer's next request waits for
  // it. Changes that come while one is applied are applied together after
  // it (after the pause of `update_pace`). When it cannot be (no snapshot
  // yet: the first load holds it; a failure), a reload brings it.
  void persons_changed(const std::vector<PersonId>& persons, std::string_view writer = {});
  // Slips written (recorded, corrected: the version before and after,
  // cancelled; `also`: a person added or removed with them, as a birth's
  // child): the persons they name changed, when the indicators read them.
  void slips_written(const std::vector<const VitalEvent*>& slips, std::string_view writer, PersonId also = {});
  // A household's record written (added, or its address, poverty, social
  // protection, ethnic minority or registration date changed; never its
  // village): the snapshot reads none of these (a household is known by
  // its members' residence, which carries the village), so no figure
  // changes. Noted as applied in place, so nobody waits for a reload.
  void household_written(std::string_view writer = {});
  uint64_t updates() const { return updates_.load(); }  // writes applied in place so far
  uint64_t update_steps() const { return update_steps_.load(); }  // updates in place that applied them

  const analytics::IndicatorCatalogue& catalogue() const { return catalogue_; }
  uint64_t loads() const { return loads_.load(); }  // snapshots loaded so far

 private:
  // Has the service's thread bring the snapshot up to every change noted
  // (mu_ held).
  void start_refresh(std::unique_lock<std::mutex>& lock);
  uint64_t note_change(std::string_view writer);             // mu_ held: the change's number
  // What a reader waits for: their own newest change, and the newest change
  // of no named writer (mu_ held).
  uint64_t wanted_by(std::string_view reader) const;
  void refresh_loop();
  // One reload (mu_ held by `lock`, let go meanwhile); false when it failed.
  bool reload(std::unique_lock<std::mutex>& lock);
  // Brings the pending persons' records into the snapshot in place (mu_
  // held by `lock`, let go meanwhile).
  void update_in_place(std::unique_lock<std::mutex>& lock);

  Store& store_;
  std::mutex& store_mu_;
  const Options options_;
  const analytics::IndicatorCatalogue catalogue_;
  std::atomic<uint64_t> changes_{0};
  std::atomic<uint64_t> loads_{0};
  std::atomic<uint64_t> updates_{0};
  std::atomic<uint64_t> update_steps_{0};

  std::mutex mu_;  // guards what follows; taken before store_mu, never after
  std::condition_variable loaded_;
  std::shared_ptr<IndicatorSnapshot> current_;
  bool refreshing_ = false;  // the service's thread is at work
  // The persons of the changes not yet in the snapshot (with each change's
  // number), to be applied in place, and the newest change that needs a
  // reload instead (one of no persons named, or an update that failed).
  std::vector<std::pair<uint64_t, PersonId>> pending_;
  uint64_t reload_upto_ = 0;
  std::chrono::steady_clock::time_point next_load_at_{}, next_update_at_{};  // the paces' pauses
  std::unique_ptr<Store> group_reader_;  // open_group_reader's, used by the service's thread only
  bool stopping_ = false;
  std::optional<Error> load_error_;  // the last load's failure, when it failed
  // The newest change of each writer not yet in a snapshot, and of no named
  // writer: what their requests wait for.
  static constexpr size_t kMaxWriters = 10000;
  std::unordered_map<std::string, uint64_t> writers_;
  uint64_t unnamed_change_ = 0;
  int writers_waiting_ = 0;  // requests in current() waiting for a refresh
  std::thread worker_;
};

}  // namespace danso
