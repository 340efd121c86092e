// WalCheckpointer: copies a writer's write-ahead log back into the database
// file on a connection and thread of its own, so that the writer's commits
// never wait for the copy and its fsyncs.
//
// SQLite's automatic checkpoint runs inside the commit that takes the log
// past 1,000 pages. While any reader holds a read transaction (the
// indicators' snapshot reads the register for a second or two), a
// checkpoint cannot pass that reader's moment, so the log grows; the first
// commit after the reader ends then syncs and copies the whole of it (some
// 300 MB under the server's load benchmark): that slip, and every request
// waiting for the writer, waited about a second. Here the commit only
// notes the log's length (sqlite3_wal_hook, which replaces the automatic
// checkpoint) and this thread runs the PASSIVE checkpoint, which never
// blocks the writer or a reader. The writer itself copies only the last few
// pages, when that lets the log start again from its beginning (on_commit).
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace danso::sqlite {

class Db;

class WalCheckpointer {
 public:
  // Watches the commits of `writer`, a connection in WAL mode to the
  // database at `path`; checkpoints once the log holds `pages` pages.
  WalCheckpointer(const std::string& path, sqlite3* writer, int pages = 1000);
  // Stops the thread (after the checkpoint it may be running) and gives the
  // writer back SQLite's automatic checkpoint.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  long long checkpoints() const;  // checkpoints run so far (tests)

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
  void run();

  sqlite3* writer_;
  const int pages_;
  std::unique_ptr<Db> db_;
  mutable std::mutex mu_;
  std::condition_variable due_cv_;
  bool due_ = false;
  // What the thread's last checkpoint left: the log's pages copied, and
  // whether that was all of them (read by the writer's hook).
  std::atomic<int> copied_{0};
  std::atomic<bool> last_whole_{false};
  bool stopping_ = false;
  long long checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace danso::sqlite
