#include "store/sqlite/wal_checkpointer.h"

#include <pthread.h>
#include <sqlite3.h>

#include <chrono>

#include "store/sqlite/db.h"

namespace danso::sqlite {

namespace {
// After a checkpoint that a reader kept from finishing, the next one waits
// this long: the log's pages are copied as far as they can be, not retried
// at every commit.
constexpr auto kRetryAfter = std::chrono::milliseconds(50);
}  // namespace

WalCheckpointer::WalCheckpointer(const std::string& path, sqlite3* writer, int pages)
    : writer_(writer), pages_(pages), db_(std::make_unique<Db>(path)) {
  // A connection checkpoints only once it has read the database and so
  // found it in WAL mode; until then a checkpoint does nothing.
  db_->exec("SELECT count(*) FROM sqlite_schema");
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

int WalCheckpointer::on_commit(void* self, sqlite3*, const char*, int pages) {
  auto* me = static_cast<WalCheckpointer*>(self);
  if (pages < me->pages_) return SQLITE_OK;
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
    lock.lock();
    ++checkpoints_;
    if (!whole && !stopping_) due_cv_.wait_for(lock, kRetryAfter, [&] { return stopping_; });
  }
}

}  // namespace danso::sqlite
