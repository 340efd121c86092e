// The database file and the files beside it: the lock that tells a restore
// the database is in use, the consistent copy of a live database (backup),
// and putting a copy in its place (restore).
//
// The lock: every DanSo program that opens a database (the server, each
// command) holds FILE.lock shared (flock) for as long as it has the file
// open; the kernel releases it when the program ends, however it ends. A
// restore takes it exclusively, without waiting, so it is refused while any
// of them has the database, and none can open it while the restore runs.
// Other programs (the sqlite3 tool) take no such lock: a restore also asks
// whether any SQLite connection of another process has the file open in WAL
// mode (the shared lock SQLite's unix VFS keeps on the -shm file's
// "dead man switch" byte, 128, while a connection is open).
//
//   auto copy = backup_sqlite("demo.db", "demo-2026-12-05.db.part");
//   auto lock = lock_database_exclusive("demo.db");   // refused while a server runs
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace danso::sqlite {

// The lock file of a database: PATH.lock.
std::string lock_file_of(const std::string& path);
// The URI opening a copy for reading only, as a file no one changes: no
// lock taken, no -wal or -shm read or made beside it.
std::string immutable_uri(const std::string& path);

// Takes the lock shared; the descriptor to release. Refused (kFailedPrecondition)
// while a restore holds it; -1 (no lock) when the file cannot be made.
Result<int> lock_database_shared(const std::string& path);
void release_database_lock(int fd);

// The lock held exclusively, released when destroyed.
class ExclusiveLock {
 public:
  explicit ExclusiveLock(int fd) : fd_(fd) {}
  ExclusiveLock(ExclusiveLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  ExclusiveLock(const ExclusiveLock&) = delete;
  ExclusiveLock& operator=(const ExclusiveLock&) = delete;
  ~ExclusiveLock() { release_database_lock(fd_); }

 private:
  int fd_;
};

// Refused (kFailedPrecondition) while any program holds the lock; then also
// while another process has an SQLite connection to the file.
Result<ExclusiveLock> lock_database_exclusive(const std::string& path);

// Rows of every table of a database, by table name.
struct TableCount {
  std::string table;
  int64_t rows = 0;
};

// A consistent copy of a live database: a read transaction is opened on
// the database, its rows counted, and SQLite's online backup copies every
// page in one step inside that same transaction, so the copy is the
// database at that moment whatever other connections write meanwhile (they
// are not held up: in WAL mode a reader blocks no writer), and the copy is
// never restarted by their writes. The copy is made a rollback-journal
// file (no -wal beside it), readable by its owner only, and synced to disk.
// `out` must not exist.
struct BackupCopy {
  std::vector<TableCount> counts;  // of the database at the copy's moment
  int64_t bytes = 0;
};
Result<BackupCopy> backup_sqlite(const std::string& db, const std::string& out);

// A copy read back, for reading only (nothing is written to it or beside
// it): SQLite's integrity check ("ok" when sound) and its rows.
struct CopyCheck {
  std::string integrity;  // "ok", or the first problems found
  std::vector<TableCount> counts;
};
Result<CopyCheck> check_sqlite_copy(const std::string& path);

// Writes a file's data to disk (fsync).
Status sync_file(const std::string& path);
// Copies a file into a new file `to` (refused if it exists) and syncs it.
Status copy_file_synced(const std::string& from, const std::string& to);
// Renames `from` to `to` unless `to` exists, and syncs the folder.
Status rename_no_replace(const std::string& from, const std::string& to);
// Puts `copy` (a file in the same folder) in the place of database `db`:
// gives it db's mode and owner (when it may), removes db's -wal and -shm
// (the old database's, which would be applied to the new file) and renames
// the copy over db, then syncs the folder. The caller holds the exclusive lock.
Status place_database(const std::string& copy, const std::string& db);

}  // namespace danso::sqlite
