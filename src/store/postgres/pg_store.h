// The PostgreSQL adapter of Store, over libpq, for PostgreSQL 15: a server
// named by a postgresql:// address (PG* environment variables fill what it
// leaves out). Opening a database applies the numbered migrations it is
// missing (store/postgres/pg_migrations.h), the same numbers as SQLite's.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "store/postgres/pg_migrations.h"
#include "store/store.h"

namespace danso {

struct PgOpenOptions {
  // The migrations to apply; the program's own list when empty (tests pass a
  // shorter list to build an "older" database).
  std::span<const pg::Migration> migrations;
};

Result<std::unique_ptr<Store>> open_pg_store(const std::string& location, const PgOpenOptions& options = {});

// Another connection to the same database, for reading (the indicators'
// snapshot, Database's readers): no migration runs; a database at another
// schema version than this program's is refused.
Result<std::unique_ptr<Store>> open_pg_reader(const std::string& location);

}  // namespace danso
