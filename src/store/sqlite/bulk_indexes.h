// BulkIndexes: during a large write into a table (at least 20,000 rows and
// at least as many as the table holds), its secondary indexes are dropped
// first and built again afterwards, inside the same transaction: sorting once
// is much faster than a million single B-tree inserts. A failure rolls the
// whole transaction back, indexes included.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/sqlite/db.h"

namespace danso::sqlite {

class BulkIndexes {
 public:
  BulkIndexes(Db& db, const std::string& table, size_t rows);
  // Drops the table's indexes whatever the size of the write.
  static BulkIndexes always(Db& db, const std::string& table);
  // Rebuilds the dropped indexes; a duplicate in a unique index is an error.
  Status restore();

 private:
  explicit BulkIndexes(Db& db) : db_(db) {}
  void drop(const std::string& table);
  Db& db_;
  std::vector<std::pair<std::string, std::string>> dropped_;  // name, CREATE statement
};

}  // namespace danso::sqlite
