#include "store/sqlite/sqlite_store.h"

#include <filesystem>

#include "store/sqlite/sqlite_store_impl.h"

namespace danso {

using sqlite::Db;
using sqlite::SqliteError;
using sqlite::SqliteStore;
using sqlite::Stmt;

namespace {

Result<std::unique_ptr<Store>> open_with_cache(const std::string& path, const SqliteOpenOptions& options,
                                               int cache_kib) {
  if (!options.create && !std::filesystem::exists(path))
    return Error{ErrorCode::kNotFound, "db", "không tìm thấy cơ sở dữ liệu '" + path +
                 "' (tạo bằng: danso init --db " + path + ")",
                 "database '" + path + "' not found (create it with: danso init --db " + path + ")"};
  try {
    auto db = std::make_unique<Db>(path);
    db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
             "PRAGMA temp_store=MEMORY; PRAGMA threads=2;");
    db->exec("PRAGMA cache_size=-" + std::to_string(cache_kib));
    auto store = std::make_unique<SqliteStore>(std::move(db));
    auto migrations = options.migrations.empty() ? sqlite::sqlite_migrations() : options.migrations;
    if (auto st = store->migrate(migrations); !st) return st.error();
    return std::unique_ptr<Store>(std::move(store));
  } catch (const SqliteError& e) {
    return Error{ErrorCode::kInternal, "db", "không mở được cơ sở dữ liệu: " + std::string(e.what()),
                 "cannot open the database: " + std::string(e.what())};
  }
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const SqliteOpenOptions& options) {
  return open_with_cache(path, options, 262144);
}

Result<std::unique_ptr<Store>> open_sqlite_reader(const std::string& path) {
  return open_with_cache(path, {}, 8192);
}

namespace sqlite {

Status SqliteStore::migrate(std::span<const Migration> migrations) {
  db_->exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))");
  const int current = schema_version();
  int latest = 0;
  for (const auto& m : migrations) latest = std::max(latest, m.version);
  if (current > latest)
    return Error{ErrorCode::kFailedPrecondition, "db",
                 "cơ sở dữ liệu ở phiên bản " + std::to_string(current) +
                     ", mới hơn chương trình này (" + std::to_string(latest) + ")",
                 "the database is at schema version " + std::to_string(current) +
                     ", newer than this program (" + std::to_string(latest) + ")"};
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    db_->exec("BEGIN IMMEDIATE");
    try {
      db_->exec(m.sql);
      Stmt(db_->handle(), "INSERT INTO schema_migrations(version, name) VALUES (?, ?)")
          .bind(1, m.version)
          .bind(2, m.name)
          .exec();
      db_->exec("COMMIT");
    } catch (...) {
      db_->exec("ROLLBACK");
      throw;
    }
  }
  return {};
}

int SqliteStore::schema_version() {
  Stmt st(db_->handle(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  st.step();
  return st.i32(0);
}

std::vector<std::pair<int, std::string>> SqliteStore::migrations_applied() {
  std::vector<std::pair<int, std::string>> out;
  Stmt st(db_->handle(), "SELECT version, name FROM schema_migrations ORDER BY version");
  while (st.step()) out.emplace_back(st.i32(0), std::string(st.text(1)));
  return out;
}

void SqliteStore::read_consistently(const std::function<void()>& read) {
  // A deferred transaction that only reads: in WAL mode it reads one
  // snapshot of the database and never blocks the writer.
  db_->exec("BEGIN DEFERRED");
  try {
    read();
  } catch (...) {
    db_->exec("ROLLBACK");
    throw;
  }
  db_->exec("COMMIT");
}

void SqliteStore::begin_transaction(bool references_checked) {
  // PRAGMA foreign_keys only takes effect outside a transaction.
  if (references_checked) db_->exec("PRAGMA foreign_keys=OFF");
  db_->exec("BEGIN IMMEDIATE");
}

Status SqliteStore::commit_transaction() {
  try {
    db_->exec("COMMIT");
  } catch (const SqliteError& e) {
    db_->exec("ROLLBACK");
    db_->exec("PRAGMA foreign_keys=ON");
    return Error{ErrorCode::kInternal, "db", std::string("không ghi được: ") + e.what(),
                 std::string("commit failed: ") + e.what()};
  }
  db_->exec("PRAGMA foreign_keys=ON");
  return {};
}

void SqliteStore::rollback_transaction() {
  if (!sqlite3_get_autocommit(db_->handle())) db_->exec("ROLLBACK");
  db_->exec("PRAGMA foreign_keys=ON");
}

int64_t SqliteStore::count_rows(const std::string& table) {
  static const char* kTables[] = {"units",     "unit_links", "households",    "persons", "events",
                                  "staff_assignments", "residence", "users", "user_villages", "sessions",
                                  "audit", "reports", "report_history"};
  for (const char* t : kTables) {
    if (table == t) {
      Stmt st(db_->handle(), "SELECT COUNT(*) FROM " + table);
      st.step();
      return st.i64(0);
    }
  }
  return -1;
}

int64_t SqliteStore::max_id(const std::string& table) {
  if (table != "households" && table != "persons" && table != "events") return -1;
  Stmt st(db_->handle(), "SELECT COALESCE(MAX(id), 0) FROM " + table);
  st.step();
  return st.i64(0);
}

}  // namespace sqlite
}  // namespace danso
