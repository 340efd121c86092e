#include "app/indicator_service.h"

#include <algorithm>
#include <ctime>

#include <pthread.h>

#include "analytics/snapshot_update.h"

namespace danso {

namespace {

// The CPU time the calling thread has used so far (what the paces count:
// on a busy machine a thread's wall time is mostly its wait for a core).
std::chrono::nanoseconds thread_cpu_time() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
}

std::string now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::shared_ptr<const std::string> IndicatorSnapshot::memo(const std::string& key) const {
  std::lock_guard<std::mutex> lock(memo_mu_);
  const auto it = memo_.find(key);
  return it == memo_.end() ? nullptr : it->second;
}

void IndicatorSnapshot::remember(const std::string& key, std::shared_ptr<const std::string> body, uint64_t generation) {
  if (!body || body->size() > kMaxMemoBytes / 8) return;  // a very large answer is made again when asked
  std::lock_guard<std::mutex> lock(memo_mu_);
  if (generation != generation_.load()) return;
  if (memo_.size() >= kMaxMemo || memo_bytes_ + body->size() > kMaxMemoBytes) {
    memo_.clear();
    memo_bytes_ = 0;
  }
  auto& kept = memo_[key];
  if (kept) memo_bytes_ -= kept->size();
  memo_bytes_ += body->size();
  kept = std::move(body);
}

struct IndicatorSnapshot::Making {
  uint64_t generation = 0;
  bool done = false;
  std::shared_ptr<const std::string> body;
  std::condition_variable made;  // waited on with memo_mu_
};

std::shared_ptr<const std::string> IndicatorSnapshot::memo_or_make(
    const std::string& key, uint64_t generation, const std::function<std::shared_ptr<const std::string>()>& make) {
  std::shared_ptr<Making> mine;
  {
    std::unique_lock<std::mutex> lock(memo_mu_);
    if (const auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (const auto it = making_.find(key); it != making_.end() && it->second->generation == generation) {
      const std::shared_ptr<Making> other = it->second;
      other->made.wait(lock, [&] { return other->done; });
      if (other->body) return other->body;
    } else if (generation == generation_.load()) {
      mine = std::make_shared<Making>();
      mine->generation = generation;
      making_[key] = mine;
    }
  }
  // What this request made (null: a failure) is handed to those waiting
  // for it, whatever happens.
  auto hand_over = [&](std::shared_ptr<const std::string> made) {
    if (!mine) return;
    {
      std::lock_guard<std::mutex> lock(memo_mu_);
      if (const auto it = making_.find(key); it != making_.end() && it->second == mine) making_.erase(it);
      mine->body = std::move(made);
      mine->done = true;
    }
    mine->made.notify_all();
  };
  std::shared_ptr<const std::string> body;
  const std::chrono::nanoseconds started = thread_cpu_time();
  try {
    body = make();
  } catch (...) {
    hand_over(nullptr);
    throw;
  }
  making_ns_.fetch_add((thread_cpu_time() - started).count());
  hand_over(body);
  remember(key, body, generation);
  return body;
}

IndicatorService::IndicatorService(Store& store, std::mutex& store_mu, Options options)
    : store_(store),
      store_mu_(store_mu),
      options_(options),
      catalogue_(options.catalogue ? *options.catalogue : analytics::IndicatorCatalogue::defaults()) {}

IndicatorService::~IndicatorService() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  loaded_.notify_all();  // a refresh pausing between loads stops at once
  if (worker_.joinable()) worker_.join();
}

std::shared_ptr<const analytics::RegisterSnapshot> IndicatorSnapshot::pinned() const {
  auto reading = std::make_shared<std::shared_lock<WriterFirstMutex>>(register_mu_);
  auto self = shared_from_this();
  return std::shared_ptr<const analytics::RegisterSnapshot>(&snapshot_, [self, reading](const analytics::RegisterSnapshot*) {});
}

void IndicatorSnapshot::update(const std::function<void(analytics::RegisterSnapshot&)>& f) {
  std::unique_lock<WriterFirstMutex> alone(register_mu_);
  f(snapshot_);
  places_ = analytics::PersonPlaces::of(snapshot_);
  reporter_.forget_all();
  std::lock_guard<std::mutex> lock(memo_mu_);
  memo_.clear();
  memo_bytes_ = 0;
  generation_.fetch_add(1);
  loaded_at_ = now_iso();
}

void IndicatorSnapshot::update_group(const analytics::PersonGroup& g) {
  std::unique_lock<WriterFirstMutex> alone(register_mu_);
  analytics::SnapshotChange after;
  analytics::apply_person_group(
      snapshot_, g, [&](const analytics::SnapshotChange& before) { reporter_.counts_before(before); }, &after,
      &places_);
  reporter_.counts_after(after);
  std::lock_guard<std::mutex> lock(memo_mu_);
  memo_.clear();
  memo_bytes_ = 0;
  generation_.fetch_add(1);
  loaded_at_ = now_iso();
}

std::string IndicatorSnapshot::loaded_at() const {
  std::lock_guard<std::mutex> lock(memo_mu_);
  return loaded_at_;
}

uint64_t IndicatorService::note_change(std::string_view writer) {
  const uint64_t change = changes_.fetch_add(1) + 1;
  if (writer.empty()) {
    unnamed_change_ = change;
  } else {
    if (writers_.size() >= kMaxWriters) writers_.clear();  // they then wait for nothing: never worse than stale
    writers_[std::string(writer)] = change;
  }
  return change;
}

void IndicatorService::register_changed(std::string_view writer) {
  std::unique_lock<std::mutex> lock(mu_);
  reload_upto_ = note_change(writer);
  // Refreshed now, not at the next request: the figures catch up whether
  // or not anybody is asking.
  if (current_) start_refresh(lock);
}

void IndicatorService::slips_written(const std::vector<const VitalEvent*>& slips, std::string_view writer,
                                     PersonId also) {
  std::vector<PersonId> persons;
  bool read = also.valid();
  if (also.valid()) persons.push_back(also);
  for (const VitalEvent* e : slips) {
    if (!e || !analytics::indicators_read(e->type)) continue;
    read = true;
    for (PersonId p : {e->person, e->related})
      if (p.valid() && std::find(persons.begin(), persons.end(), p) == persons.end()) persons.push_back(p);
  }
  if (!read) return;
  if (persons.empty()) register_changed(writer);
  else persons_changed(persons, writer);
}

void IndicatorService::household_written(std::string_view writer) {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t change = note_change(writer);
  if (!current_) return;
  if (refreshing_ || current_->changes_seen() + 1 != change) {
    // Nothing to apply, but not before the changes ahead of it.
    start_refresh(lock);
    return;
  }
  current_->set_changes_seen(change);
  std::erase_if(writers_, [&](const auto& w) { return w.second <= change; });
  updates_.fetch_add(1);
  loaded_.notify_all();
}

void IndicatorService::persons_changed(const std::vector<PersonId>& persons, std::string_view writer) {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t change = note_change(writer);
  if (!current_) {
    // No snapshot to apply it to: the next load must hold it (a load
    // already on its way may have begun before the write).
    reload_upto_ = std::max(reload_upto_, change);
    return;
  }
  for (PersonId p : persons) pending_.emplace_back(change, p);
  start_refresh(lock);
}

void IndicatorService::update_in_place(std::unique_lock<std::mutex>& lock) {
  const std::shared_ptr<IndicatorSnapshot> snap = current_;
  const uint64_t have = snap->changes_seen(), upto = changes_.load();
  // Every change up to `upto` is in the snapshot or has its persons here
  // (noted under the same lock as its number), or needs a reload (not here).
  std::vector<PersonId> persons;
  for (const auto& [change, person] : pending_)
    if (change > have) persons.push_back(person);
  pending_.clear();
  std::sort(persons.begin(), persons.end());
  persons.erase(std::unique(persons.begin(), persons.end()), persons.end());
  lock.unlock();
  const std::chrono::nanoseconds started = thread_cpu_time(), remade = snap->take_making_time();
  bool applied = true, changing = false;
  if (!persons.empty()) try {
      // The group's records, read beside the requests computing from the
      // snapshot (on a connection of the service's own when it has one,
      // beside the writers too); then the snapshot changed alone.
      const analytics::PersonGroup records = snap->read_register([&](const analytics::RegisterSnapshot& s) {
        auto read = [&](Store& store) {
          analytics::PersonGroup g;
          store.read_consistently([&] {
            g.persons = analytics::person_group(
                s, persons, [&](std::span<const PersonId> ids) { return store.event_facts_naming(ids); },
                &snap->places());
            g.facts = store.person_facts_of(g.persons);
            g.spells = store.residence_of_persons(g.persons);
            g.events = store.event_facts_naming(g.persons);
          });
          return g;
        };
        if (!group_reader_ && options_.open_group_reader)
          if (auto opened = options_.open_group_reader(); opened && *opened) group_reader_ = std::move(*opened);
        if (group_reader_) try {
            return read(*group_reader_);
          } catch (const std::exception&) {
            group_reader_.reset();  // opened again next time (a connection lost); read through the shared store now
          }
        std::lock_guard<std::mutex> store_lock(store_mu_);
        return read(store_);
      });
      changing = true;
      snap->update_group(records);
    } catch (const std::exception&) {
      applied = false;
    }
  const std::chrono::nanoseconds cost = (thread_cpu_time() - started) + remade;
  lock.lock();
  if (current_ == snap) {
    if (applied) {
      snap->set_changes_seen(upto);
      std::erase_if(writers_, [&](const auto& w) { return w.second <= upto; });
      updates_.fetch_add(upto - have);
      update_steps_.fetch_add(1);
    } else {
      // The snapshot misses these changes, or was left half changed: a
      // reload brings them (nothing is answered from a half-changed one
      // meanwhile).
      if (changing) current_.reset();
      reload_upto_ = std::max(reload_upto_, upto);
    }
  }
  loaded_.notify_all();
  // What it cost: its own CPU time, and that of the answers the last one
  // dropped, made again.
  next_update_at_ = std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(cost * options_.update_pace);
}

uint64_t IndicatorService::wanted_by(std::string_view reader) const {
  uint64_t wanted = unnamed_change_;
  if (!reader.empty() && !writers_.empty())
    if (auto it = writers_.find(std::string(reader)); it != writers_.end()) wanted = std::max(wanted, it->second);
  return wanted;
}

void IndicatorService::event_recorded(EventType type, std::string_view writer) {
  if (analytics::indicators_read(type)) register_changed(writer);
}

void IndicatorService::start_refresh(std::unique_lock<std::mutex>&) {
  if (stopping_) return;
  if (refreshing_) {
    loaded_.notify_all();  // a thread pausing re-reads what there is to do
    return;
  }
  if (worker_.joinable()) worker_.join();  // the previous one, finished
  refreshing_ = true;
  load_error_.reset();
  worker_ = std::thread([this] { refresh_loop(); });
}

bool IndicatorService::reload(std::unique_lock<std::mutex>& lock) {
  const uint64_t seen = changes_.load();
  lock.unlock();
  const auto started = std::chrono::steady_clock::now();
  std::shared_ptr<IndicatorSnapshot> fresh;
  std::optional<Error> error;
  try {
    std::optional<analytics::RegisterSnapshot> loaded;
    auto reader = options_.open_reader ? options_.open_reader() : Result<std::unique_ptr<Store>>(nullptr);
    if (reader && *reader) {
      loaded.emplace(analytics::RegisterSnapshot::load(**reader));
    } else {
      std::lock_guard<std::mutex> store_lock(store_mu_);
      loaded.emplace(analytics::RegisterSnapshot::load(store_));
    }
    fresh = std::make_shared<IndicatorSnapshot>(std::move(*loaded), catalogue_, seen, now_iso());
    loads_.fetch_add(1);
  } catch (const std::exception& e) {
    error = Error{ErrorCode::kInternal, "", std::string("không đọc được sổ đăng ký: ") + e.what(),
                  std::string("the register could not be read: ") + e.what()};
  }
  const auto done = std::chrono::steady_clock::now();
  lock.lock();
  if (fresh) {
    current_ = std::move(fresh);
    std::erase_if(writers_, [&](const auto& w) { return w.second <= seen; });
    std::erase_if(pending_, [&](const auto& p) { return p.first <= seen; });
  }
  load_error_ = error;
  loaded_.notify_all();
  // Slips keep coming: the next load starts after a pause as long as this
  // one took (times refresh_pace), so reloading takes at most half a core
  // from the requests; the writes of the pause are all in the next load.
  next_load_at_ = done + std::chrono::duration_cast<std::chrono::steady_clock::duration>((done - started) *
                                                                                         options_.refresh_pace);
  return !error;
}

void IndicatorService::refresh_loop() {
  pthread_setname_np(pthread_self(), "danso-figures");  // at most 15 characters
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    const uint64_t have = current_ ? current_->changes_seen() : 0;
    if (current_ && have >= changes_.load()) break;  // every change is in
    const bool load = !current_ || reload_upto_ > have;
    // While writes keep coming, each step waits for its pace's pause; a
    // writer waiting for their change ends it. Then what there is to do is
    // read again (a change needing a reload may have come meanwhile).
    const auto at = load ? next_load_at_ : next_update_at_;
    if (writers_waiting_ == 0 && std::chrono::steady_clock::now() < at) {
      loaded_.wait_until(lock, at, [&] { return stopping_ || writers_waiting_ > 0; });
      continue;
    }
    if (load) {
      // A failed load is not retried here (the next request starts one).
      if (!reload(lock)) break;
    } else {
      update_in_place(lock);
    }
  }
  refreshing_ = false;
  loaded_.notify_all();
}

std::shared_ptr<IndicatorSnapshot> IndicatorService::ready(std::string_view reader) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!current_) return nullptr;
  // A snapshot that misses a change with no refresh on its way (the last
  // one failed): one is started, as a request on the lane would.
  if (current_->changes_seen() < changes_.load() && !refreshing_) start_refresh(lock);
  if (current_->changes_seen() >= wanted_by(reader)) return current_;
  return nullptr;
}

Result<std::shared_ptr<IndicatorSnapshot>> IndicatorService::current(std::string_view reader) {
  std::unique_lock<std::mutex> lock(mu_);
  if (current_ && current_->changes_seen() >= changes_.load()) return current_;
  const uint64_t wanted = wanted_by(reader);
  start_refresh(lock);
  if (current_ && current_->changes_seen() < wanted) {
    // A writer waits: a paced refresh pausing between loads starts its next
    // load now (it will hold this writer's change).
    ++writers_waiting_;
    loaded_.notify_all();
    loaded_.wait_for(lock, options_.fresh_wait, [&] {
      return !current_ || current_->changes_seen() >= wanted || !refreshing_;
    });
    --writers_waiting_;
  }
  if (!current_) {
    // Nothing to answer from yet (the first load, or an update in place
    // that failed dropped the snapshot): wait for the load, however long.
    loaded_.wait(lock, [&] { return current_ || !refreshing_; });
    if (!current_)
      return load_error_ ? *load_error_
                         : Error{ErrorCode::kInternal, "", "chưa có số liệu chỉ tiêu", "no indicators loaded"};
  }
  return current_;
}

Result<std::shared_ptr<IndicatorSnapshot>> IndicatorService::exact(std::chrono::milliseconds limit) {
  const uint64_t wanted = changes_.load();
  std::unique_lock<std::mutex> lock(mu_);
  if (current_ && current_->changes_seen() >= wanted) return current_;
  start_refresh(lock);
  ++writers_waiting_;  // a paced refresh pausing between loads starts its next load now
  loaded_.notify_all();
  const bool done = loaded_.wait_for(lock, limit, [&] {
    if (current_ && current_->changes_seen() >= wanted) return true;
    if (!refreshing_ && !stopping_) start_refresh(lock);  // a load that failed, or ended before the change
    return stopping_ || (!refreshing_ && load_error_.has_value());
  });
  --writers_waiting_;
  if (done && current_ && current_->changes_seen() >= wanted) return current_;
  if (load_error_) return *load_error_;
  return Error{ErrorCode::kUnavailable, "", "số liệu đang được cập nhật, xin thử lại sau giây lát",
               "the figures are being updated; try again in a moment"};
}

}  // namespace danso
