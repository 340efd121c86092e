#include "store/sqlite/bulk_indexes.h"

namespace danso::sqlite {

BulkIndexes::BulkIndexes(Db& db, const std::string& table, size_t rows) : db_(db) {
  constexpr size_t kMinRows = 20000;
  if (rows < kMinRows) return;
  {
    Stmt count(db.handle(), "SELECT COUNT(*) FROM " + table);
    count.step();
    if (size_t(count.i64(0)) > rows) return;
  }
  drop(table);
}

BulkIndexes BulkIndexes::always(Db& db, const std::string& table) {
  BulkIndexes b(db);
  b.drop(table);
  return b;
}

void BulkIndexes::drop(const std::string& table) {
  Stmt st(db_.handle(),
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL");
  st.bind(1, table);
  std::vector<std::pair<std::string, std::string>> found;
  while (st.step()) found.emplace_back(std::string(st.text(0)), std::string(st.text(1)));
  for (const auto& [name, sql] : found) db_.exec("DROP INDEX " + name);
  dropped_.insert(dropped_.end(), found.begin(), found.end());
}

Status BulkIndexes::restore() {
  try {
    for (const auto& [name, sql] : dropped_) db_.exec(sql);
  } catch (const SqliteError& e) {
    if (e.code() == SQLITE_CONSTRAINT)
      return Error{ErrorCode::kAlreadyExists, "", std::string("vi phạm ràng buộc duy nhất: ") + e.what(),
                   std::string("unique constraint violated: ") + e.what()};
    throw;
  }
  dropped_.clear();
  return {};
}

}  // namespace danso::sqlite
