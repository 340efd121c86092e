#include "app/indicator_service.h"

#include <algorithm>
#include <ctime>

#include "analytics/snapshot_update.h"

namespace danso {

namespace {

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
  try {
    body = make();
  } catch (...) {
    hand_over(nullptr);
    throw;
  }
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
  note_change(writer);
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
  std::lock_guard<std::mutex> one_at_a_time(apply_mu_);
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t change = note_change(writer);
  if (!current_) return;
  if (refreshing_ || current_->changes_seen() + 1 != change) {
    start_refresh(lock);
    return;
  }
  current_->set_changes_seen(change);
  std::erase_if(writers_, [&](const auto& w) { return w.second <= change; });
  updates_.fetch_add(1);
  loaded_.notify_all();
}

bool IndicatorService::persons_changed(const std::vector<PersonId>& persons, std::string_view writer) {
  std::lock_guard<std::mutex> one_at_a_time(apply_mu_);
  std::shared_ptr<IndicatorSnapshot> snap;
  uint64_t change = 0;
  {
    std::unique_lock<std::mutex> lock(mu_);
    change = note_change(writer);
    // In place only onto a snapshot holding every change before this one,
    // with no reload on its way (which will hold this change too).
    if (!current_) return false;
    if (refreshing_ || current_->changes_seen() + 1 != change) {
      start_refresh(lock);
      return false;
    }
    snap = current_;
  }
  bool applied = false, changing = false;
  try {
    // The group's records, read beside the requests computing from the
    // snapshot; then the snapshot changed alone.
    const analytics::PersonGroup records = snap->read_register([&](const analytics::RegisterSnapshot& s) {
      std::lock_guard<std::mutex> store_lock(store_mu_);
      analytics::PersonGroup g;
      store_.read_consistently([&] {
        g.persons = analytics::person_group(
            s, persons, [&](std::span<const PersonId> ids) { return store_.event_facts_naming(ids); },
            &snap->places());
        g.facts = store_.person_facts_of(g.persons);
        g.spells = store_.residence_of_persons(g.persons);
        g.events = store_.event_facts_naming(g.persons);
      });
      return g;
    });
    changing = true;
    snap->update_group(records);
    applied = true;
  } catch (const std::exception&) {
    applied = false;
  }
  std::unique_lock<std::mutex> lock(mu_);
  if (applied && current_ == snap) {
    snap->set_changes_seen(change);
    std::erase_if(writers_, [&](const auto& w) { return w.second <= change; });
    updates_.fetch_add(1);
  } else if (current_ == snap) {
    // The snapshot misses this change, or was left half changed: a reload
    // brings it (nothing is answered from a half-changed one meanwhile).
    if (changing) current_.reset();
    start_refresh(lock);
  }
  loaded_.notify_all();
  return applied;
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
  if (refreshing_ || stopping_) return;
  if (worker_.joinable()) worker_.join();  // the previous refresh, finished
  refreshing_ = true;
  load_error_.reset();
  worker_ = std::thread([this] { refresh_loop(); });
}

void IndicatorService::refresh_loop() {
  for (;;) {
    const uint64_t seen = changes_.load();
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
    std::unique_lock<std::mutex> lock(mu_);
    if (fresh) {
      current_ = std::move(fresh);
      std::erase_if(writers_, [&](const auto& w) { return w.second <= seen; });
    }
    load_error_ = error;
    // Changes during the load need another; a failed load is not retried
    // here (the next request starts one).
    if (error || stopping_ || changes_.load() == seen) {
      refreshing_ = false;
      loaded_.notify_all();
      return;
    }
    loaded_.notify_all();
    // Slips keep coming: the next load starts after a pause as long as this
    // one took (times refresh_pace), so reloading takes at most half a core
    // from the requests; the writes of the pause are all in the next load.
    // A writer waiting for their change ends the pause.
    const auto pause = std::chrono::duration_cast<std::chrono::milliseconds>(
        (std::chrono::steady_clock::now() - started) * options_.refresh_pace);
    loaded_.wait_for(lock, pause, [&] { return stopping_ || writers_waiting_ > 0; });
    if (stopping_) {
      refreshing_ = false;
      loaded_.notify_all();
      return;
    }
  }
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
