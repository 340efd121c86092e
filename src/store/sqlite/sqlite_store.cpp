#include "store/sqlite/sqlite_store.h"

#include <filesystem>

#include "store/sqlite/database_file.h"
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
  // Held shared while the store is open: a restore, which holds it
  // exclusively, waits for no one and is refused while a program has it.
  int lock_fd = -1;
  if (options.lock) {
    auto lock = sqlite::lock_database_shared(path);
    if (!lock) return lock.error();
    lock_fd = *lock;
  }
  try {
    auto db = std::make_unique<Db>(path);
    db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
             "PRAGMA temp_store=MEMORY; PRAGMA threads=2;");
    db->exec("PRAGMA cache_size=-" + std::to_string(cache_kib));
    auto store = std::make_unique<SqliteStore>(std::move(db), lock_fd);
    lock_fd = -1;
    auto migrations = options.migrations.empty() ? sqlite::sqlite_migrations() : options.migrations;
    if (auto st = store->migrate(migrations); !st) return st.error();
    if (options.checkpoint_beside) store->checkpoint_beside(path);
    return std::unique_ptr<Store>(std::move(store));
  } catch (const SqliteError& e) {
    sqlite::release_database_lock(lock_fd);
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

Result<std::unique_ptr<Store>> open_sqlite_copy(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    return Error{ErrorCode::kNotFound, "backup", "không tìm thấy tệp '" + path + "'", "'" + path + "' not found"};
  try {
    auto store = std::make_unique<SqliteStore>(std::make_unique<Db>(sqlite::immutable_uri(path), true));
    int latest = 0;
    for (const auto& m : sqlite::sqlite_migrations()) latest = std::max(latest, m.version);
    if (const int v = store->schema_version(); v != latest)
      return Error{ErrorCode::kFailedPrecondition, "backup",
                   "bản sao '" + path + "' ở phiên bản lược đồ " + std::to_string(v) + ", chương trình này ở " +
                       std::to_string(latest),
                   "the copy '" + path + "' is at schema version " + std::to_string(v) + ", this program at " +
                       std::to_string(latest)};
    return std::unique_ptr<Store>(std::move(store));
  } catch (const SqliteError& e) {
    return Error{ErrorCode::kInternal, "backup", "không đọc được bản sao: " + std::string(e.what()),
                 "cannot read the copy: " + std::string(e.what())};
  }
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
  // Inside a transaction already (a Database::read on a reader, which reads
  // consistently around it): that transaction's one view is read.
  if (!sqlite3_get_autocommit(db_->handle())) {
    read();
    return;
  }
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

void SqliteStore::watch_written_rows() {
  sqlite3_update_hook(
      db_->handle(),
      [](void* self, int op, const char*, const char* table, sqlite3_int64) {
        const std::string_view t(table);
        auto* store = static_cast<SqliteStore*>(self);
        if (t == "persons" || t == "households" || t == "residence") store->note_residents_written();
        // An event changed or removed may have been one a status reads (a
        // new one is told by its type: upsert_events).
        if (t == "events" && op != SQLITE_INSERT) store->note_statuses_written();
        if (t == "units" || t == "unit_links") store->units_kept_.valid = false;
      },
      this);
}

void SqliteStore::checkpoint_beside(const std::string& path) {
  checkpointer_ = std::make_unique<WalCheckpointer>(path, db_->handle());
}

SqliteStore::~SqliteStore() {
  checkpointer_.reset();  // before the writer closes: its close, the last, checkpoints the log
  hasher_.reset();  // its statements go before the connection
  db_.reset();
  release_database_lock(lock_fd_);
}

// PRAGMA foreign_keys takes effect only outside a transaction, and setting
// it expires every statement the connection has prepared (each is compiled
// again on its next step: a seventh of a slip's time when it was set after
// every commit), so it is set only when it changes.
void SqliteStore::set_foreign_keys(bool on) {
  int now = -1;
  sqlite3_db_config(db_->handle(), SQLITE_DBCONFIG_ENABLE_FKEY, -1, &now);
  if (now == (on ? 1 : 0)) return;
  db_->exec(on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
}

void SqliteStore::begin_transaction(bool references_checked) {
  hasher_.reset();
  if (references_checked) set_foreign_keys(false);
  db_->exec("BEGIN IMMEDIATE");
}

Status SqliteStore::commit_transaction() {
  try {
    hasher_.before_commit();
    db_->exec("COMMIT");
  } catch (const SqliteError& e) {
    db_->exec("ROLLBACK");
    units_kept_.valid = false;  // they may have been read with the writes rolled back
    set_foreign_keys(true);
    return Error{ErrorCode::kInternal, "db", std::string("không ghi được: ") + e.what(),
                 std::string("commit failed: ") + e.what()};
  }
  set_foreign_keys(true);
  return {};
}

void SqliteStore::rollback_transaction() {
  hasher_.reset();
  units_kept_.valid = false;  // they may have been read with the writes rolled back
  if (!sqlite3_get_autocommit(db_->handle())) db_->exec("ROLLBACK");
  set_foreign_keys(true);
}

const char* table_name(StoredTable table) {
  switch (table) {
    case StoredTable::kUnits: return "units";
    case StoredTable::kUnitLinks: return "unit_links";
    case StoredTable::kHouseholds: return "households";
    case StoredTable::kPersons: return "persons";
    case StoredTable::kEvents: return "events";
    case StoredTable::kStaffAssignments: return "staff_assignments";
    case StoredTable::kResidence: return "residence";
    case StoredTable::kUsers: return "users";
    case StoredTable::kUserVillages: return "user_villages";
    case StoredTable::kSessions: return "sessions";
    case StoredTable::kAudit: return "audit";
    case StoredTable::kReports: return "reports";
    case StoredTable::kReportHistory: return "report_history";
    case StoredTable::kUnitBoundaries: return "unit_boundaries";
  }
  return nullptr;
}

int64_t SqliteStore::count_rows(StoredTable table) {
  const char* name = table_name(table);
  if (!name) return -1;
  Stmt st(db_->handle(), std::string("SELECT COUNT(*) FROM ") + name);
  st.step();
  return st.i64(0);
}

int64_t SqliteStore::max_id(StoredTable table) {
  if (table != StoredTable::kHouseholds && table != StoredTable::kPersons && table != StoredTable::kEvents) return -1;
  Stmt st(db_->handle(), std::string("SELECT MAX(COALESCE((SELECT MAX(id) FROM ") + table_name(table) +
                             "), 0), COALESCE((SELECT high FROM removed_ids WHERE tbl = ?), 0))");
  st.bind(1, table_name(table));
  st.step();
  return st.i64(0);
}

}  // namespace sqlite
}  // namespace danso
