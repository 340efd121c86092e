#include "store/sqlite/wal_checkpointer.h"

#include <pthread.h>
#include <sqlite3.h>

#include <chrono>

#include "store/sqlite/db.h"

namespace danso::sqlite {

namespace {
// After a checkpoint that a reader kept from finishing, the next one runs
// this long after: the log's pages are copied as soon as the reader lets
// them, with or without another commit, and not retried at every commit.
constexpr auto kRetryAfter = std::chrono::milliseconds(50);
// The log file is cut back to this size when it starts again from its
// beginning (after a burst of writes made it long).
constexpr long long kLogKeptBytes = 64LL << 20;
}  // namespace

WalCheckpointer::WalCheckpointer(const std::string& path, sqlite3* writer, int pages)
    : writer_(writer), pages_(pages), db_(std::make_unique<Db>(path)) {
  // A connection checkpoints only once it has read the database and so
  // found it in WAL mode; until then a checkpoint does nothing.
  db_->exec("SELECT count(*) FROM sqlite_schema");
  sqlite3_exec(writer_, ("PRAGMA journal_size_limit=" + std::to_string(kLogKeptBytes)).c_str(), nullptr, nullptr,
               nullptr);
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "danso-ckpt");  // at most 15 characters
    run();
  });
  sqlite3_wal_hook(writer_, &WalCheckpointer::on_commit, this);
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_autocheckpoint(writer_, 1000);  // SQLite's own again (and the hook removed)
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  due_cv_.notify_one();
  thread_.join();
}

long long WalCheckpointer::checkpoints() const {
  std::lock_guard<std::mutex> lock(mu_);
  return checkpoints_;
}

int WalCheckpointer::on_commit(void* self, sqlite3* writer, const char*, int pages) {
  auto* me = static_cast<WalCheckpointer*>(self);
  if (pages < me->pages_) return SQLITE_OK;
  // SQLite starts the log again from its beginning only at a write that
  // begins while every page of it has been copied back, which a commit
  // coming while the thread copies never sees: under steady writes the log
  // would grow without end. So once it is four times its pages long, and
  // the thread's last copy finished within twice its pages of the end, the
  // writer copies those last pages itself (a PASSIVE checkpoint, as SQLite's
  // own; it returns at once while the thread is copying) and the next write
  // starts the log again. Never a long copy: a log held by a reader is left
  // to the thread.
  const int copied_then = me->copied_.load();  // (of a log before this one, when it is more than pages)
  if (pages >= 4 * me->pages_ && me->last_whole_.load() && copied_then <= pages &&
      pages - copied_then <= 2 * me->pages_) {
    int log = 0, copied = 0;
    sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    return SQLITE_OK;
  }
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(me->mu_);
    wake = !me->due_;
    me->due_ = true;
  }
  if (wake) me->due_cv_.notify_one();
  return SQLITE_OK;
}

void WalCheckpointer::run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    due_cv_.wait(lock, [&] { return due_ || stopping_; });
    if (stopping_) return;
    due_ = false;
    lock.unlock();
    int log = 0, copied = 0;
    // PASSIVE: as much as no reader or writer waits for; SQLITE_BUSY (another
    // connection checkpointing) and errors leave the log for the next time.
    const int rc = sqlite3_wal_checkpoint_v2(db_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    const bool whole = rc == SQLITE_OK && copied >= log;
    copied_.store(copied);
    last_whole_.store(whole);
    lock.lock();
    ++checkpoints_;
    // Held up by a reader (or by another connection's checkpoint): again a
    // little later, whether or not another commit comes.
    if (!whole && (rc == SQLITE_OK || rc == SQLITE_BUSY) && !stopping_) {
      due_cv_.wait_for(lock, kRetryAfter, [&] { return stopping_; });
      due_ = true;
    }
  }
}

}  // namespace danso::sqlite
