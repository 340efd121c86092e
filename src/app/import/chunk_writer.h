// ChunkWriter: writes parsed records on a second thread while the first keeps
// reading and checking the file, inside the import's one transaction. Used
// when bad rows make the whole import fail: a file found bad after the
// writing started is rolled back, so nothing is written either way; with
// --skip-bad-rows the importers check first and write after.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

namespace danso::import_detail {

template <typename T>
class ChunkWriter {
 public:
  using WriteFn = std::function<Status(std::span<const T>)>;

  ChunkWriter(Store& store, std::vector<StoredTable> tables, WriteFn write)
      : store_(store), tables_(std::move(tables)), write_(std::move(write)), thread_([this] { run(); }) {}
  ChunkWriter(const ChunkWriter&) = delete;
  ChunkWriter& operator=(const ChunkWriter&) = delete;
  ~ChunkWriter() {
    if (thread_.joinable()) (void)finish(true);
  }

  void push(std::vector<T> chunk) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(std::move(chunk));
    }
    cv_.notify_one();
  }

  // Waits for the writes to end; with `abort` the chunks not yet written are dropped.
  Status finish(bool abort) { return close(abort, {}); }
  // Waits for the chunks to be written, then runs `last` (the caller waits)
  // before the indexes are made again, so its rows of the writer's tables
  // are written with them deferred too.
  Status finish_with(std::function<Status()> last) { return close(false, std::move(last)); }
  // True until finished.
  bool running() const { return thread_.joinable(); }

 private:
  Status close(bool abort, std::function<Status()> last) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
      aborted_ = abort;
      last_ = std::move(last);
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    return status_;
  }

  void run() {
    try {
      status_ = store_.write_deferring_indexes(tables_, [this]() -> Status {
        for (;;) {
          std::vector<T> chunk;
          std::function<Status()> last;
          bool drained = false;
          {
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [this] { return !queue_.empty() || closed_; });
            if (aborted_) return Status();
            if (queue_.empty()) {
              drained = true;
              last = std::move(last_);
            } else {
              chunk = std::move(queue_.front());
              queue_.pop_front();
            }
          }
          if (drained) return last ? last() : Status();
          if (auto st = write_(chunk); !st) return st;
        }
      });
    } catch (const StoreUnavailable& e) {
      status_ = e.error();  // the database away: its own words, in both languages
    } catch (const std::exception& e) {
      status_ = Error{ErrorCode::kInternal, "db", std::string("lỗi ghi: ") + e.what(), std::string("write failed: ") + e.what()};
    }
  }

  Store& store_;
  std::vector<StoredTable> tables_;
  WriteFn write_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::vector<T>> queue_;
  bool closed_ = false, aborted_ = false;
  std::function<Status()> last_;
  Status status_;
  std::thread thread_;  // last: starts once everything above exists
};

// The last write of an import that may have a writer: the rows themselves
// (`rows`, when there is no writer), then `rest`, run by a writer still
// running before it makes its tables' indexes again.
template <typename T>
Status write_after_chunks(std::optional<ChunkWriter<T>>& writer, const std::function<Status()>& rows,
                          const std::function<Status()>& rest) {
  if (writer && writer->running()) return writer->finish_with(rest);
  if (!writer)
    if (auto st = rows(); !st) return st;
  return rest();
}

}  // namespace danso::import_detail
