// The engine of the PostgreSQL adapter: opening, migrations, transactions,
// consistent reads, counts and largest ids.
#include "store/postgres/pg_store.h"

#include <algorithm>

#include "store/postgres/pg_distribution.h"
#include "store/postgres/pg_store_impl.h"

namespace danso {

using pg::PgConn;
using pg::PgError;
using pg::PgStore;

namespace {

// Every DanSo writer of a database takes this transaction-level advisory
// lock first, so writers follow one another as SQLite's one writer does:
// the next id taken inside a write transaction is never taken twice.
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(4470617300)";  // "DANSO" in a number

// A connection refused, named by its cause (libpq's message, which names
// the server and the role but never the password, follows).
Error connect_error(const PgError& e) {
  const std::string m = e.what();
  const auto says = [&](const char* words) { return m.find(words) != std::string::npos; };
  if (e.sqlstate() == "3D000" || (says("database \"") && says("does not exist")))
    return Error{ErrorCode::kNotFound, "db", "không có cơ sở dữ liệu PostgreSQL này (tạo bằng createdb): " + m,
                 "no such PostgreSQL database (make it with createdb): " + m};
  if (says("password authentication failed") || says("no password supplied"))
    return Error{ErrorCode::kUnauthenticated, "db",
                 "máy chủ PostgreSQL từ chối đăng nhập: sai hoặc thiếu mật khẩu của người dùng này (để mật khẩu trong "
                 "~/.pgpass hoặc tệp PGPASSFILE): " + m,
                 "the PostgreSQL server refused the sign-in: a wrong or missing password for this role (keep it in "
                 "~/.pgpass or the file PGPASSFILE names): " + m};
  if (says("role \"") && says("does not exist"))
    return Error{ErrorCode::kUnauthenticated, "db", "máy chủ PostgreSQL không có người dùng này: " + m,
                 "the PostgreSQL server has no such role: " + m};
  return Error{ErrorCode::kUnavailable, "db",
               "không kết nối được máy chủ PostgreSQL (máy chủ có đang chạy không, địa chỉ và cổng có đúng không?): " + m,
               "cannot connect to the PostgreSQL server (is it running, are the address and port right?): " + m};
}

int latest_version(std::span<const pg::Migration> migrations) {
  int latest = 0;
  for (const auto& m : migrations) latest = std::max(latest, m.version);
  return latest;
}

}  // namespace

Result<std::unique_ptr<Store>> open_pg_store(const std::string& location, const PgOpenOptions& options) {
  std::unique_ptr<PgConn> conn;
  try {
    conn = std::make_unique<PgConn>(location);
  } catch (const PgError& e) {
    return connect_error(e);
  }
  try {
    auto store = std::make_unique<PgStore>(std::move(conn));
    auto migrations = options.migrations.empty() ? pg::pg_migrations() : options.migrations;
    if (auto st = store->migrate(migrations); !st) return st.error();
    return std::unique_ptr<Store>(std::move(store));
  } catch (const PgError& e) {
    return Error{ErrorCode::kInternal, "db", "không mở được cơ sở dữ liệu PostgreSQL: " + std::string(e.what()),
                 "cannot open the PostgreSQL database: " + std::string(e.what())};
  }
}

Result<std::unique_ptr<Store>> open_pg_reader(const std::string& location) {
  std::unique_ptr<PgConn> conn;
  try {
    conn = std::make_unique<PgConn>(location);
  } catch (const PgError& e) {
    return connect_error(e);
  }
  try {
    auto store = std::make_unique<PgStore>(std::move(conn));
    const int latest = latest_version(pg::pg_migrations());
    if (const int v = store->schema_version(); v != latest)
      return Error{ErrorCode::kFailedPrecondition, "db",
                   "cơ sở dữ liệu ở phiên bản lược đồ " + std::to_string(v) + ", chương trình này ở " +
                       std::to_string(latest),
                   "the database is at schema version " + std::to_string(v) + ", this program at " +
                       std::to_string(latest)};
    return std::unique_ptr<Store>(std::move(store));
  } catch (const PgError& e) {
    return Error{ErrorCode::kInternal, "db", "không đọc được cơ sở dữ liệu PostgreSQL: " + std::string(e.what()),
                 "cannot read the PostgreSQL database: " + std::string(e.what())};
  }
}

namespace pg {

PgStore::~PgStore() {
  hasher_.reset();
  conn_.reset();
}

Status PgStore::migrate(std::span<const Migration> migrations) {
  // Two programs opening a new database at once: one migrates, the other
  // waits and finds it done.
  conn_->exec("SELECT pg_advisory_lock(4470617301)");
  struct Unlock {
    PgConn& c;
    ~Unlock() {
      try {
        c.exec("SELECT pg_advisory_unlock(4470617301)");
      } catch (const PgError&) {
      }
    }
  } unlock{*conn_};
  // Made only when missing: a role that may not create tables (the one the
  // server runs as, docs/postgresql.md) opens a database made by another.
  if (conn_->query("SELECT to_regclass('schema_migrations') IS NULL").boolean(0, 0))
    conn_->exec(
        "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
        "applied_at timestamptz NOT NULL DEFAULT now())");
  const int current = schema_version();
  const int latest = latest_version(migrations);
  if (current > latest)
    return Error{ErrorCode::kFailedPrecondition, "db",
                 "cơ sở dữ liệu ở phiên bản " + std::to_string(current) + ", mới hơn chương trình này (" +
                     std::to_string(latest) + ")",
                 "the database is at schema version " + std::to_string(current) + ", newer than this program (" +
                     std::to_string(latest) + ")"};
  int reached = current;
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    conn_->exec("BEGIN");
    try {
      conn_->exec(m.sql);
      conn_->query("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)",
                   Params().add(m.version).add(m.name));
      conn_->exec("COMMIT");
      reached = m.version;
    } catch (const PgError& e) {
      conn_->exec("ROLLBACK");
      // A role that may not change the schema (the server's, docs/postgresql.md).
      const bool not_owner = e.sqlstate() == "42501";
      return Error{ErrorCode::kInternal, "db",
                   "không áp dụng được bước chuyển lược đồ " + std::to_string(m.version) + ": " + e.what() +
                       (not_owner ? " (cơ sở dữ liệu ở phiên bản " + std::to_string(reached) +
                                        ", cũ hơn chương trình này: chạy danso init --db với người dùng sở hữu các bảng)"
                                  : ""),
                   "migration " + std::to_string(m.version) + " failed: " + e.what() +
                       (not_owner ? " (the database is at schema version " + std::to_string(reached) +
                                        ", older than this program: run danso init --db as the role that owns the tables)"
                                  : "")};
    }
  }
  return {};
}

int PgStore::schema_version() {
  // Two statements: one naming a table that is not there fails as a whole,
  // whichever branch would run.
  if (conn_->query("SELECT to_regclass('schema_migrations') IS NULL").boolean(0, 0)) return 0;
  return conn_->query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").i32(0, 0);
}

std::vector<std::pair<int, std::string>> PgStore::migrations_applied() {
  std::vector<std::pair<int, std::string>> out;
  PgResult r = conn_->query("SELECT version, name FROM schema_migrations ORDER BY version");
  for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.i32(i, 0), std::string(r.text(i, 1)));
  return out;
}

void PgStore::read_consistently(const std::function<void()>& read) {
  // Inside a transaction already: that transaction's one view is read.
  if (conn_->in_transaction()) {
    read();
    return;
  }
  // One snapshot for every statement of `read`; a read-only transaction
  // takes no lock that keeps a writer waiting.
  conn_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  own_read_ = true;
  try {
    read();
  } catch (...) {
    own_read_ = false;
    rollback_quietly();
    throw;
  }
  own_read_ = false;
  conn_->exec("COMMIT");
}

void PgStore::rollback_quietly() noexcept {
  try {
    if (conn_->in_transaction()) conn_->exec("ROLLBACK");
  } catch (const std::exception&) {
    // The connection is gone, and the transaction with it.
  }
}

void PgStore::begin_transaction(bool references_checked) {
  // Who lives where is not watched row by row here: every commit counts
  // (Store::resident_commits).
  note_residents_written();
  hasher_.reset();
  conn_->exec("BEGIN");
  conn_->exec(kWriterLock);
  // References the caller checked are checked again, once, at the commit:
  // PostgreSQL switches foreign keys off only for a superuser
  // (session_replication_role), which DanSo's role need not be.
  references_deferred_ = references_checked;
  if (references_checked) conn_->exec("SET CONSTRAINTS ALL DEFERRED");
}

Status PgStore::commit_transaction() {
  try {
    hasher_.before_commit();
    conn_->exec("COMMIT");
  } catch (const PgError& e) {
    hasher_.reset();
    rollback_quietly();
    return Error{ErrorCode::kInternal, "db", std::string("không ghi được: ") + e.what(),
                 std::string("commit failed: ") + e.what()};
  } catch (const StoreUnavailable& e) {
    hasher_.reset();
    rollback_quietly();
    return e.error();
  }
  return {};
}

void PgStore::rollback_transaction() {
  hasher_.reset();
  rollback_quietly();
}

Status PgStore::step(const std::function<void()>& write, const std::function<Error(const PgError&)>& refused) {
  const bool inside = conn_->in_transaction();
  if (inside) conn_->exec("SAVEPOINT danso_step");
  try {
    write();
  } catch (const PgError& e) {
    // A refusal (integrity: class 23, or a trigger's) is the caller's error;
    // the connection's failures are thrown on.
    const bool refusal = e.sqlstate().rfind("23", 0) == 0 || e.sqlstate() == "P0001";
    if (inside && refusal) conn_->exec("ROLLBACK TO SAVEPOINT danso_step");
    if (!refusal) throw;
    return refused(e);
  }
  if (inside) conn_->exec("RELEASE SAVEPOINT danso_step");
  return {};
}

Error pg_refused_write(const PgError& e) {
  return Error{ErrorCode::kAlreadyExists, "", std::string("vi phạm ràng buộc dữ liệu: ") + e.what(),
               std::string("constraint violated: ") + e.what()};
}

// The register's lookups by id alone that each chunk of a write reads
// (migration 27: the keys begin with the province; province_store.cpp),
// and those of the rows not placed yet, kept through a write.
constexpr const char* kPgIdLookups =
    "{households_id,persons_id,events_id,person_names_id,persons_unplaced,events_unplaced,residence_unplaced}";

Status PgStore::write_deferring_indexes(const std::vector<StoredTable>& tables, const std::function<Status()>& write) {
  // The tables' indexes other than their keys' and their foreign keys are
  // dropped for the write and made again once at its end, inside the
  // caller's transaction (a failure rolls the drop back too), as SQLite's
  // BulkIndexes does: each foreign key is then checked by one query over
  // the whole table rather than row by row. What is made again is read
  // from the catalog before the drop, so it is exactly what the migrations
  // made. The folded names follow the persons (their words' index with
  // them). A role that may not drop them (not the tables' owner), or
  // tables with reference checks still pending from earlier writes of the
  // transaction, write with them in place.
  // Dropping a foreign key locks the table it points to as well: those
  // pointing to the reference tables (units, users, staff; every request
  // reads them) stay, checked row by row, so that only the register's own
  // tables wait for a large write.
  std::vector<std::string> names, reference_tables;
  for (const PgTablePlacement& t : pg_table_placements())
    if (t.placement == PgPlacement::kReference) reference_tables.emplace_back(t.table);
  for (StoredTable t : tables) {
    names.emplace_back(pg_table_name(t));
    if (t == StoredTable::kPersons) names.emplace_back("person_names");
  }
  std::vector<std::string> rebuild;
  if (conn_->in_transaction()) {
    conn_->exec("SAVEPOINT danso_indexes");
    try {
      // Each row: what drops it, what makes it again; the foreign keys last.
      PgResult r = conn_->query(
          "SELECT 'DROP INDEX ' || quote_ident(i.indexname), i.indexdef, 0 AS k, i.indexname AS n "
          "FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[]) "
          "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname "
          "AND c.conrelid = to_regclass(i.tablename)) AND i.indexname <> ALL($2::text[]) "
          "UNION ALL "
          "SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, c.conname), "
          "format('ALTER TABLE %I ADD CONSTRAINT %I ', t.relname, c.conname) || pg_get_constraintdef(c.oid), 1, "
          "c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
          "JOIN pg_class f ON f.oid = c.confrelid "
          "WHERE c.contype = 'f' AND t.relnamespace = to_regnamespace(current_schema()) "
          "AND t.relname = ANY($1::text[]) AND f.relname <> ALL($3::text[]) ORDER BY k, n",
          Params().add(pg_text_array(names)).add(kPgIdLookups).add(pg_text_array(reference_tables)));
      for (int i = 0; i < r.rows(); ++i) {
        conn_->exec(r.text(i, 0));
        rebuild.emplace_back(r.text(i, 1));
      }
      conn_->exec("RELEASE SAVEPOINT danso_indexes");
    } catch (const PgError& e) {
      // insufficient_privilege; object_in_use (pending reference checks)
      if (e.sqlstate() != "42501" && e.sqlstate() != "55006") throw;
      conn_->exec("ROLLBACK TO SAVEPOINT danso_indexes");
      rebuild.clear();
    }
  }
  if (auto st = write(); !st) return st;
  if (rebuild.empty()) return {};
  return step(
      [&] {
        // Neither an index nor a foreign key is made on a table with
        // reference checks still pending (a references-checked write
        // defers them): they run now.
        conn_->exec("SET CONSTRAINTS ALL IMMEDIATE");
        for (const std::string& sql : rebuild) conn_->exec(sql);
        if (references_deferred_) conn_->exec("SET CONSTRAINTS ALL DEFERRED");
      },
      pg_refused_write);
}

const char* pg_table_name(StoredTable table) {
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

int64_t PgStore::count_rows(StoredTable table) {
  const char* name = pg_table_name(table);
  if (!name) return -1;
  return conn_->query(std::string("SELECT COUNT(*) FROM ") + name).i64(0, 0);
}

int64_t PgStore::max_id(StoredTable table) {
  if (table != StoredTable::kHouseholds && table != StoredTable::kPersons && table != StoredTable::kEvents) return -1;
  const std::string name = pg_table_name(table);
  return conn_
      ->query("SELECT GREATEST(COALESCE((SELECT MAX(id) FROM " + name +
                  "), 0), COALESCE((SELECT high FROM removed_ids WHERE tbl = $1), 0))",
              Params().add(name))
      .i64(0, 0);
}

void PgStore::note_removed_id(const char* table, int64_t id) {
  conn_->query(
      "INSERT INTO removed_ids(tbl, high) VALUES ($1, $2) "
      "ON CONFLICT (tbl) DO UPDATE SET high = GREATEST(removed_ids.high, EXCLUDED.high)",
      Params().add(table).add(id));
}

namespace {

template <typename Id>
std::string id_array_of(std::span<const Id> ids) {
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i].value);
  }
  out += '}';
  return out;
}

}  // namespace

std::string pg_id_array(std::span<const UnitId> ids) { return id_array_of(ids); }
std::string pg_id_array(std::span<const PersonId> ids) { return id_array_of(ids); }
std::string pg_id_array(std::span<const HouseholdId> ids) { return id_array_of(ids); }

std::string pg_text_array(std::span<const std::string> values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace pg
}  // namespace danso
