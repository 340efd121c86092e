// Numbered schema migrations of the SQLite adapter. Each runs in its own
// transaction together with its row in schema_migrations, so a database is
// always at exactly one version. Opening an older database applies the
// missing ones in order; a database newer than this program is refused.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace danso::sqlite {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

std::span<const Migration> sqlite_migrations();

}  // namespace danso::sqlite
