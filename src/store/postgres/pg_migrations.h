// Numbered schema migrations of the PostgreSQL adapter: the same numbers
// and names as the SQLite adapter's (store/sqlite/migrations.cpp, 25
// unused), ending at the same logical schema, in PostgreSQL's types: ids
// bigint, days date, instants timestamptz, flags boolean, hashes bytea.
// Each runs in its own transaction with its row in schema_migrations.
#pragma once

#include <span>

#include "store/sqlite/migrations.h"

namespace danso::pg {

using Migration = sqlite::Migration;

std::span<const Migration> pg_migrations();

}  // namespace danso::pg
