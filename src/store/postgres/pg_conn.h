// Thin RAII wrappers over libpq: a connection, a query's result, and the
// parameters of a query ($1, $2, ... sent apart from the SQL text, never
// spliced into it). Values travel as text: dates as ISO 8601 (the session's
// DateStyle is ISO), booleans as t/f; whole tables read for the indicators'
// snapshot come in COPY's binary format instead (copy_out, PgBinaryRow).
// Failures of the server or the connection throw PgError with the SQLSTATE;
// the adapter turns the expected ones (a unique key taken, a frozen row) into
// Status values. A server that cannot be reached, went away, or takes no
// writes (a standby) throws StoreUnavailable (store/store.h) instead; the
// next call connects again.
//
//   PgConn conn("postgresql:///danso?host=/tmp/x");
//   Params p; p.add(int64_t(7)).add("Xã A");
//   PgResult r = conn.query("SELECT name FROM units WHERE id = $1 AND name <> $2", p);
//   for (int i = 0; i < r.rows(); ++i) r.text(i, 0);
//   conn.copy_out("COPY (SELECT id, birth_date FROM persons) TO STDOUT (FORMAT binary)",
//                 [](const PgBinaryRow& r) { r.i64(0); r.date(1); });
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "store/store.h"

namespace danso::pg {

class PgError : public std::runtime_error {
 public:
  PgError(const std::string& what, std::string sqlstate)
      : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
  // Five characters ("23505"), empty when the connection itself failed.
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// A query's parameters, in order ($1 first). NULL is a missing value.
class Params {
 public:
  Params& add(int64_t v) { return put(std::to_string(v)); }
  Params& add(int v) { return put(std::to_string(v)); }
  Params& add(bool v) { return put(v ? "t" : "f"); }
  Params& add(double v);
  Params& add(std::string_view v) { return put(std::string(v)); }
  Params& add(const char* v) { return put(std::string(v)); }
  Params& add(const std::string& v) { return put(v); }
  Params& add(Date d) { return put(d.iso()); }
  Params& null();
  Params& id(int64_t v) { return v > 0 ? add(v) : null(); }                     // NULL when not set (0)
  Params& text_or_null(std::string_view v) { return v.empty() ? null() : add(v); }
  // An ISO 8601 instant for a timestamptz; NULL when empty.
  Params& instant(std::string_view v) { return text_or_null(v); }
  Params& opt(const std::optional<Date>& d) { return d ? add(*d) : null(); }
  Params& opt(const std::optional<double>& v) { return v ? add(*v) : null(); }
  Params& opt(const std::optional<int>& v) { return v ? add(*v) : null(); }

  int size() const { return int(values_.size()); }
  // The values as one line of COPY's text format (tab-separated, \N for
  // NULL, backslash escapes), ended by a newline, appended to `out`.
  void append_copy_line(std::string& out) const;
  // Pointers for PQexecParams, valid until the next add.
  std::vector<const char*> pointers() const;
  void clear() { values_.clear(); }

 private:
  Params& put(std::string v);
  std::vector<std::optional<std::string>> values_;
};

// A finished query's rows; cleared when it goes.
class PgResult {
 public:
  explicit PgResult(PGresult* r = nullptr) : r_(r) {}
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult();

  int rows() const;
  // Rows a command changed (INSERT, UPDATE, DELETE).
  int64_t affected() const;
  bool is_null(int row, int col) const;
  std::string_view text(int row, int col) const;
  int64_t i64(int row, int col) const;
  int i32(int row, int col) const { return int(i64(row, col)); }
  double f64(int row, int col) const;
  bool boolean(int row, int col) const { return text(row, col) == "t"; }
  Date date(int row, int col) const;
  std::optional<Date> opt_date(int row, int col) const;
  std::optional<double> opt_f64(int row, int col) const {
    return is_null(row, col) ? std::nullopt : std::optional<double>(f64(row, col));
  }
  // bytea read in the hex form ("\x0a1b...") as its bytes.
  std::string bytes(int row, int col) const;
  PGresult* get() const { return r_; }

 private:
  PGresult* r_;
};

// One row of a streamed query (PgConn::stream); valid during the callback.
struct PgRow {
  const PgResult& result;
  int row;
  bool is_null(int col) const { return result.is_null(row, col); }
  std::string_view text(int col) const { return result.text(row, col); }
  int64_t i64(int col) const { return result.i64(row, col); }
  int i32(int col) const { return result.i32(row, col); }
  double f64(int col) const { return result.f64(row, col); }
  bool boolean(int col) const { return result.boolean(row, col); }
  Date date(int col) const { return result.date(row, col); }
  std::optional<Date> opt_date(int col) const { return result.opt_date(row, col); }
};

// One row of COPY's binary format (PgConn::copy_out); valid during the
// callback. Its fields as the server's send functions write them, in network
// byte order: integers of 2, 4 or 8 bytes (smallint, integer, bigint),
// booleans of one byte, dates as 4-byte days since 2000-01-01, text as its
// UTF-8 bytes. The reads answer as PgRow's do: a NULL reads as 0, false or
// "", and a NULL date throws as a date that is none (opt_date reads it). A
// field of another size than its read expects, a date outside the years 1 to
// 9999, or a column the tuple does not have throws PgError.
class PgBinaryRow {
 public:
  int size() const { return int(fields_.size()); }
  bool is_null(int col) const { return field(col).data() == nullptr; }
  std::string_view text(int col) const { return field(col); }
  int64_t i64(int col) const;
  int i32(int col) const { return int(i64(col)); }
  bool boolean(int col) const;
  Date date(int col) const;
  std::optional<Date> opt_date(int col) const {
    return is_null(col) ? std::nullopt : std::optional<Date>(date(col));
  }

 private:
  friend class PgBinaryCopyReader;
  std::string_view field(int col) const;
  std::vector<std::string_view> fields_;  // a NULL: no data at all
};

// Reads the stream of a COPY ... TO STDOUT (FORMAT binary) as it comes, in
// pieces cut anywhere: the header ("PGCOPY\n\377\r\n\0", flags, extension),
// then each tuple (its count of fields, each field's length or -1 for NULL,
// then its bytes), then the trailer (-1). A stream that is not one throws
// PgError.
class PgBinaryCopyReader {
 public:
  // The next piece of the stream; `fn` is called with each tuple it completes.
  void feed(std::string_view piece, const std::function<void(const PgBinaryRow&)>& fn);
  // The stream ended: throws PgError unless its trailer came, and nothing after.
  void finish() const;

 private:
  // Reads what `data` holds from its start: the header, tuples, the
  // trailer; the bytes used.
  size_t read(std::string_view data, const std::function<void(const PgBinaryRow&)>& fn);
  std::string pending_;  // the start of a tuple (or of the header) cut short
  bool header_ = false;
  bool ended_ = false;
  PgBinaryRow row_;
};

class PgConn {
 public:
  // Connects to `location` (a postgresql:// address or key=value string;
  // PG* environment variables fill what it leaves out). Throws PgError.
  explicit PgConn(const std::string& location);
  ~PgConn();
  // The address it was opened with, for another connection to the same database.
  const std::string& location() const { return location_; }
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  // Runs SQL without parameters (several statements allowed: migrations).
  void exec(std::string_view sql);
  // One statement with parameters; the rows it returns.
  PgResult query(std::string_view sql, const Params& params = {});
  // COPY ... FROM STDIN of `data`, lines in COPY's text format.
  void copy_in(std::string_view copy_sql, std::string_view data);
  // One query with parameters, its rows given to `fn` one at a time, read
  // through a cursor a few thousand rows at a time: a whole table is never
  // held, and `fn` may run other queries on this connection meanwhile (as
  // SQLite's callers do while a statement steps). Outside a transaction the
  // cursor has a read-only one of its own.
  void stream(std::string_view sql, const Params& params, const std::function<void(const PgRow&)>& fn);
  // COPY (SELECT ...) TO STDOUT (FORMAT binary) of `copy_sql`, its rows given
  // to `fn` one at a time as they arrive: no cursor, no text to parse, the
  // whole result in one statement (of the caller's transaction, if any). The
  // connection stays busy until the last row: `fn` runs no query on it.
  void copy_out(std::string_view copy_sql, const std::function<void(const PgBinaryRow&)>& fn);

  // Inside a transaction block (BEGIN ... not yet ended), failed or not.
  bool in_transaction() const;
  PGconn* handle() { return conn_; }
  // Connects again when the connection was lost (StoreUnavailable when the
  // server still cannot be reached). Every call does it first.
  void ensure_connected();
  // A name for a new cursor of this connection.
  std::string cursor_name() { return "danso_pull_" + std::to_string(++pulls_); }

 private:
  [[noreturn]] void fail(PGresult* r, std::string_view sql);
  void set_session();
  // After a COPY's data: reads its results to the end; the first that
  // failed (the caller fails with it), or null.
  PGresult* copy_failure();
  std::string location_;
  PGconn* conn_ = nullptr;
  int cursors_ = 0;  // names the next cursor
  // The connection was lost inside a transaction: every call fails until
  // the caller ends it (ROLLBACK, or BEGIN of the next), so that no later
  // statement of it runs on a new connection outside any transaction.
  bool lost_ = false;
  bool call_in_transaction_ = false;  // at the start of the current call
  int64_t pulls_ = 0;
};

// A query read a few thousand rows at a time through a cursor, pulled row
// by row (for merging two ordered reads, as the scan of record hashes
// does). Inside a transaction only; closed when it goes.
class PgCursor {
 public:
  PgCursor(PgConn& conn, std::string_view sql, const Params& params = {}, int fetch = 4096);
  ~PgCursor();
  PgCursor(const PgCursor&) = delete;
  PgCursor& operator=(const PgCursor&) = delete;
  // Moves to the next row; false after the last.
  bool next();
  PgRow row() const { return PgRow{batch_, at_}; }

 private:
  PgConn& conn_;
  std::string name_;
  std::string fetch_;
  int size_;
  PgResult batch_;
  int at_ = -1;
  bool done_ = false;
};

// `text` as a bytea literal's hex form, for a parameter ("\x0a1b...").
std::string bytea_hex(std::string_view bytes);

}  // namespace danso::pg
