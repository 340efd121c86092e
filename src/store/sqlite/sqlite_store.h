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
};

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const SqliteOpenOptions& options = {});

// Another connection to an existing database, for reading it once from end
// to end (the indicators' snapshot): its page cache is small (8 MiB, not
// the 256 MiB of the connection that serves requests), since a single scan
// gains nothing from a large one.
Result<std::unique_ptr<Store>> open_sqlite_reader(const std::string& path);

}  // namespace danso
