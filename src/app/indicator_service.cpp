#include "app/indicator_service.h"

#include <ctime>

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

void IndicatorSnapshot::remember(const std::string& key, std::shared_ptr<const std::string> body) {
  if (!body || body->size() > kMaxMemoBytes / 8) return;  // a very large answer is made again when asked
  std::lock_guard<std::mutex> lock(memo_mu_);
  if (memo_.size() >= kMaxMemo || memo_bytes_ + body->size() > kMaxMemoBytes) {
    memo_.clear();
    memo_bytes_ = 0;
  }
  auto& kept = memo_[key];
  if (kept) memo_bytes_ -= kept->size();
  memo_bytes_ += body->size();
  kept = std::move(body);
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

void IndicatorService::register_changed(std::string_view writer) {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t change = changes_.fetch_add(1) + 1;
  if (writer.empty()) {
    unnamed_change_ = change;
  } else {
    if (writers_.size() >= kMaxWriters) writers_.clear();  // they then wait for nothing: never worse than stale
    writers_[std::string(writer)] = change;
  }
  // Refreshed now, not at the next request: the figures catch up whether
  // or not anybody is asking.
  if (current_) start_refresh(lock);
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
  start_refresh(lock);
  const uint64_t wanted = wanted_by(reader);
  if (!current_) {
    // Nothing to answer from yet: wait for the first load, however long.
    loaded_.wait(lock, [&] { return current_ || !refreshing_; });
    if (!current_)
      return load_error_ ? *load_error_
                         : Error{ErrorCode::kInternal, "", "chưa có số liệu chỉ tiêu", "no indicators loaded"};
    return current_;
  }
  if (current_->changes_seen() >= wanted) return current_;
  // A writer waits: a paced refresh pausing between loads starts its next
  // load now (it will hold this writer's change).
  ++writers_waiting_;
  loaded_.notify_all();
  loaded_.wait_for(lock, options_.fresh_wait, [&] { return current_->changes_seen() >= wanted || !refreshing_; });
  --writers_waiting_;
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
