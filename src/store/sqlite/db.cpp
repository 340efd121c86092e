#include "store/sqlite/db.h"

#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/text.h"
#include "store/sqlite/record_hashes.h"

namespace danso::sqlite {

namespace {

// danso_fold(text): the text folded for search (core/text.h), so that a name
// typed without diacritics finds the person.
void fold_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (!p) {
    sqlite3_result_null(ctx);
    return;
  }
  const std::string folded = fold_for_search(std::string_view(p, size_t(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(ctx, folded.data(), int(folded.size()), SQLITE_TRANSIENT);
}

// danso_name_match(name, folded_search): whether each word of the folded
// search text begins a word of the name once folded (core/text.h
// name_words_begin_with), the rule the index of folded names answers; for
// reading a few villages' persons without the index.
void name_match_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* name = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const auto* search = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
  if (!name || !search) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  thread_local std::string folded;  // its storage kept from name to name
  fold_for_search(std::string_view(name, size_t(sqlite3_value_bytes(argv[0]))), folded);
  sqlite3_result_int(ctx, name_words_begin_with(folded, std::string_view(search, size_t(sqlite3_value_bytes(argv[1])))));
}

}  // namespace

void throw_error(sqlite3* db, int rc, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw SqliteError(msg, rc);
}

std::atomic<int64_t> compiled_again{0};

// Each open connection's statements kept idle, by SQL text: a Stmt takes
// one when there is one and gives it back (reset, its bindings cleared)
// when it goes, so a statement run again and again is prepared once. A
// connection is used by one thread at a time (Db), so its own statements
// need no lock; the map from connections to them has one.
struct IdleStatements {
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  static constexpr size_t kMax = 128;        // statements kept per connection
  static constexpr size_t kMaxSql = 4096;    // longer ones (bulk inserts) are not kept
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> by_sql;

  sqlite3_stmt* take(std::string_view sql) {
    auto it = by_sql.find(sql);
    if (it == by_sql.end()) return nullptr;
    sqlite3_stmt* st = it->second;
    by_sql.erase(it);
    return st;
  }
  // Whether `st` is kept (else the caller finalizes it).
  bool give_back(sqlite3_stmt* st) {
    if (const int again = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 1); again != 0)
      compiled_again.fetch_add(again, std::memory_order_relaxed);  // shared by every connection: rarely touched
    const char* sql = sqlite3_sql(st);
    if (!sql || by_sql.size() >= kMax) return false;
    const std::string_view text(sql);
    if (text.size() > kMaxSql || by_sql.count(text)) return false;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    by_sql.emplace(std::string(text), st);
    return true;
  }
  ~IdleStatements() {
    for (auto& [sql, st] : by_sql) sqlite3_finalize(st);
  }
};

namespace {

std::shared_mutex idle_mu;
std::unordered_map<sqlite3*, IdleStatements*> idle_of;  // the open connections'

IdleStatements* idle_for(sqlite3* db) {
  std::shared_lock<std::shared_mutex> lock(idle_mu);
  auto it = idle_of.find(db);
  return it == idle_of.end() ? nullptr : it->second;
}

}  // namespace

int64_t statements_compiled_again() { return compiled_again.load(std::memory_order_relaxed); }

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  if (IdleStatements* idle = idle_for(db))
    if ((st_ = idle->take(sql))) return;
  int rc = sqlite3_prepare_v3(db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &st_,
                              nullptr);
  if (rc != SQLITE_OK) throw_error(db, rc, "prepare " + std::string(sql.substr(0, 60)));
}

Stmt::~Stmt() {
  if (!st_) return;
  if (IdleStatements* idle = idle_for(db_))
    if (idle->give_back(st_)) return;
  sqlite3_finalize(st_);
}

Stmt& Stmt::bind(int i, int64_t v) {
  sqlite3_bind_int64(st_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  sqlite3_bind_double(st_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_static(int i, std::string_view v) {
  sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::bind(int i, Date d) {
  if (dates_.empty()) dates_.resize(size_t(sqlite3_bind_parameter_count(st_)) + 1);
  char* buf = dates_[i - 1].data();
  d.write_iso(buf);
  sqlite3_bind_text(st_, i, buf, 10, SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(st_, i);
  return *this;
}
Stmt& Stmt::bind_blob(int i, const void* data, size_t size) {
  sqlite3_bind_blob(st_, i, data, int(size), SQLITE_TRANSIENT);
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string sql = sqlite3_sql(st_) ? std::string(sqlite3_sql(st_)).substr(0, 60) : "";
  sqlite3_reset(st_);
  throw_error(db_, rc, "step " + sql);
}

void Stmt::exec() {
  while (step()) {
  }
  sqlite3_reset(st_);
}

void Stmt::reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
int64_t Stmt::i64(int col) const { return sqlite3_column_int64(st_, col); }
double Stmt::f64(int col) const { return sqlite3_column_double(st_, col); }
std::string_view Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
  if (!p) return {};
  return std::string_view(p, size_t(sqlite3_column_bytes(st_, col)));
}
std::string_view Stmt::blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(st_, col));
  if (!p) return {};
  return std::string_view(p, size_t(sqlite3_column_bytes(st_, col)));
}
Date Stmt::date(int col) const {
  auto d = Date::parse(text(col));
  if (!d) throw SqliteError("bad date in database: " + std::string(text(col)), SQLITE_MISMATCH);
  return *d;
}
std::optional<Date> Stmt::opt_date(int col) const {
  if (is_null(col)) return std::nullopt;
  return date(col);
}

Db::Db(const std::string& path, bool read_only) {
  // One connection is used by one thread at a time (callers serialise), so
  // SQLite's own per-call mutex is not needed.
  const int mode = read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db_, mode | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    if (db_) sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError("open " + path + ": " + msg, rc);
  }
  sqlite3_busy_timeout(db_, 5000);
  sqlite3_create_function_v2(db_, "danso_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, fold_function,
                             nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db_, "danso_name_match", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                             name_match_function, nullptr, nullptr, nullptr);
  register_hash_functions(db_);
  idle_ = std::make_unique<IdleStatements>();
  std::unique_lock<std::shared_mutex> lock(idle_mu);
  idle_of[db_] = idle_.get();
}

Db::~Db() {
  if (!db_) return;
  {
    std::unique_lock<std::shared_mutex> lock(idle_mu);
    idle_of.erase(db_);
  }
  idle_.reset();  // its statements finalized before the connection closes
  sqlite3_close_v2(db_);
}

void Db::exec(std::string_view sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : "";
    sqlite3_free(err);
    throw SqliteError("exec: " + msg, rc);
  }
}

}  // namespace danso::sqlite
