// The embedded SQLite adapter of Store: one file, WAL journal, foreign keys
// on, one writer. Opening a database applies the numbered migrations it is
// missing (store/sqlite/migrations.h).
#pragma once

#include <memory>
#include <span>
#include <string>

#include "store/sqlite/migrations.h"
#include "store/store.h"

namespace danso {

struct SqliteOpenOptions {
  bool create = false;  // create the file when missing (danso init, danso demo)
  // The migrations to apply; the program's own list when empty (tests pass a
  // shorter list to build an "older" database).
  std::span<const sqlite::Migration> migrations;
  // Hold the database's lock file shared while open (store/sqlite/
  // database_file.h), so that a restore is refused meanwhile. Off only for
  // a file no other program can know of yet (a restore's own copy).
  bool lock = true;
  // Copy the write-ahead log back into the file on a connection and thread
  // of their own (store/sqlite/wal_checkpointer.h), not inside the commits:
  // for a long-running writer with readers beside it (danso serve).
  bool checkpoint_beside = false;
};

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const SqliteOpenOptions& options = {});

// Another connection to an existing database, for reading it once from end
// to end (the indicators' snapshot): its page cache is small (8 MiB, not
// the 256 MiB of the connection that serves requests), since a single scan
// gains nothing from a large one.
Result<std::unique_ptr<Store>> open_sqlite_reader(const std::string& path);

// A copy of a database (a backup) opened for reading only, as a file no one
// changes: nothing is written to it or beside it and no migration runs; a
// copy of another schema version than this program's is refused.
Result<std::unique_ptr<Store>> open_sqlite_copy(const std::string& path);

}  // namespace danso
