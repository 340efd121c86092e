// Thin RAII wrappers over the SQLite C API: a connection and a prepared
// statement with typed binds and column reads. Failures of SQLite itself are
// I/O failures and throw SqliteError; the adapter turns expected conflicts
// into Status values.
#pragma once

#include <sqlite3.h>

#include <array>
#include <memory>
#include <span>
#include <vector>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/date.h"

namespace danso::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, int64_t(v)); }
  Stmt& bind(int i, bool v) { return bind(i, int64_t(v ? 1 : 0)); }
  Stmt& bind(int i, double v);
  Stmt& bind_opt(int i, const std::optional<double>& v) { return v ? bind(i, *v) : bind_null(i); }
  Stmt& bind_opt(int i, const std::optional<int>& v) { return v ? bind(i, *v) : bind_null(i); }
  // Copies the text.
  Stmt& bind(int i, std::string_view v);
  // The text must stay alive until the statement is stepped (bulk writes).
  Stmt& bind_static(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, Date d);
  Stmt& bind_null(int i);
  Stmt& bind_blob(int i, const void* data, size_t size);
  Stmt& bind_opt(int i, const std::optional<Date>& d) { return d ? bind(i, *d) : bind_null(i); }
  // Binds NULL when the id is not set (0).
  Stmt& bind_id(int i, int64_t v) { return v > 0 ? bind(i, v) : bind_null(i); }
  Stmt& bind_text_or_null(int i, std::string_view v) { return v.empty() ? bind_null(i) : bind(i, v); }
  Stmt& bind_static_or_null(int i, std::string_view v) {
    return v.empty() ? bind_null(i) : bind_static(i, v);
  }

  // Returns true while a row is available.
  bool step();
  // Runs to completion, then resets for reuse (bindings are kept: a caller
  // reusing the statement binds every parameter again).
  void exec();
  void reset();

  bool is_null(int col) const;
  int64_t i64(int col) const;
  int i32(int col) const { return int(i64(col)); }
  double f64(int col) const;
  std::optional<double> opt_f64(int col) const { return is_null(col) ? std::nullopt : std::optional<double>(f64(col)); }
  std::string_view text(int col) const;
  std::string_view blob(int col) const;
  Date date(int col) const;
  std::optional<Date> opt_date(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  std::vector<std::array<char, 10>> dates_;  // one per parameter: bound dates, SQLITE_STATIC
};

// How many times, in this process, SQLite compiled again a statement kept
// for reuse (its SQL unchanged: a setting changed on the connection, such
// as PRAGMA foreign_keys, expires every statement), counted as the
// statements are given back.
int64_t statements_compiled_again();

// Inserts many rows with one statement of `rows_per_statement` rows
// ("INSERT ... VALUES (?,?),(?,?),... tail"), which saves SQLite's per-statement
// work; `bind(stmt, first_param_index, row)` binds one row's `columns` values.
template <typename T, typename BindFn>
void insert_rows(sqlite3* db, std::string_view head, int columns, std::string_view tail,
                 std::span<const T> rows, BindFn bind, size_t rows_per_statement = 64) {
  auto make = [&](size_t n) {
    std::string one = "(";
    for (int c = 0; c < columns; ++c) one += c ? ",?" : "?";
    one += ")";
    std::string sql(head);
    for (size_t i = 0; i < n; ++i) {
      if (i) sql += ',';
      sql += one;
    }
    sql += tail;
    return Stmt(db, sql);
  };
  size_t i = 0;
  if (rows.size() >= rows_per_statement) {
    Stmt many = make(rows_per_statement);
    for (; i + rows_per_statement <= rows.size(); i += rows_per_statement) {
      for (size_t k = 0; k < rows_per_statement; ++k) bind(many, int(k) * columns + 1, rows[i + k]);
      many.exec();
    }
  }
  if (i < rows.size()) {
    Stmt one = make(1);
    for (; i < rows.size(); ++i) {
      bind(one, 1, rows[i]);
      one.exec();
    }
  }
}

// The prepared statements kept idle for reuse on one connection (db.cpp).
struct IdleStatements;

class Db {
 public:
  // `read_only`: opened for reading only, never created; `path` may then be
  // a URI ("file:...?immutable=1").
  explicit Db(const std::string& path, bool read_only = false);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(std::string_view sql);
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unique_ptr<IdleStatements> idle_;
};

[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view what);

}  // namespace danso::sqlite
