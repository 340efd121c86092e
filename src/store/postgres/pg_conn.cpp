#include "store/postgres/pg_conn.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <exception>

namespace danso::pg {

namespace {

std::string pg_message(PGconn* conn) {
  std::string m = conn ? PQerrorMessage(conn) : "out of memory";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

// An integer of `n` bytes in network byte order, sign-extended.
int64_t copy_be(const char* p, size_t n) {
  uint64_t v = (unsigned char)p[0] & 0x80 ? ~uint64_t(0) : 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | (unsigned char)p[i];
  return int64_t(v);
}

[[noreturn]] void copy_broken(const std::string& what) {
  throw PgError("not a binary COPY stream: " + what, "22P04");
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Params& Params::add(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return put(buf);
}

Params& Params::null() {
  values_.emplace_back(std::nullopt);
  return *this;
}

Params& Params::put(std::string v) {
  values_.emplace_back(std::move(v));
  return *this;
}

void Params::append_copy_line(std::string& out) const {
  for (size_t i = 0; i < values_.size(); ++i) {
    if (i) out += '\t';
    if (!values_[i]) {
      out += "\\N";
      continue;
    }
    for (char c : *values_[i]) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
      }
    }
  }
  out += '\n';
}

std::vector<const char*> Params::pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

PgResult& PgResult::operator=(PgResult&& o) noexcept {
  if (this != &o) {
    if (r_) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

PgResult::~PgResult() {
  if (r_) PQclear(r_);
}

int PgResult::rows() const { return r_ ? PQntuples(r_) : 0; }

int64_t PgResult::affected() const {
  const char* n = r_ ? PQcmdTuples(r_) : "";
  return *n ? std::strtoll(n, nullptr, 10) : 0;
}

bool PgResult::is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }

std::string_view PgResult::text(int row, int col) const {
  return std::string_view(PQgetvalue(r_, row, col), size_t(PQgetlength(r_, row, col)));
}

int64_t PgResult::i64(int row, int col) const {
  const std::string_view t = text(row, col);
  int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

double PgResult::f64(int row, int col) const { return std::strtod(PQgetvalue(r_, row, col), nullptr); }

Date PgResult::date(int row, int col) const {
  auto d = Date::parse(text(row, col));
  if (!d) throw PgError("not a date: '" + std::string(text(row, col)) + "'", "22007");
  return *d;
}

std::optional<Date> PgResult::opt_date(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  return date(row, col);
}

std::string PgResult::bytes(int row, int col) const {
  const std::string_view t = text(row, col);
  std::string out;
  if (t.size() < 2 || t[0] != '\\' || t[1] != 'x') return out;
  out.reserve((t.size() - 2) / 2);
  for (size_t i = 2; i + 1 < t.size(); i += 2) out.push_back(char(hex_value(t[i]) * 16 + hex_value(t[i + 1])));
  return out;
}

std::string bytea_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string_view PgBinaryRow::field(int col) const {
  if (col < 0 || size_t(col) >= fields_.size())
    throw PgError("a tuple of " + std::to_string(fields_.size()) + " fields has no field " + std::to_string(col), "22P03");
  return fields_[size_t(col)];
}

int64_t PgBinaryRow::i64(int col) const {
  const std::string_view f = field(col);
  if (f.data() == nullptr) return 0;
  if (f.size() != 2 && f.size() != 4 && f.size() != 8)
    throw PgError("not an integer: a field of " + std::to_string(f.size()) + " bytes", "22P03");
  return copy_be(f.data(), f.size());
}

bool PgBinaryRow::boolean(int col) const {
  const std::string_view f = field(col);
  if (f.data() == nullptr) return false;
  if (f.size() != 1) throw PgError("not a boolean: a field of " + std::to_string(f.size()) + " bytes", "22P03");
  return f[0] != 0;
}

Date PgBinaryRow::date(int col) const {
  // PostgreSQL counts days from 2000-01-01, Date from 1970-01-01.
  constexpr int64_t kFrom1970 = 10957;
  // The years 1 to 9999 (what an ISO 8601 day of four digits holds).
  constexpr int64_t kFirst = -730119, kLast = 2921939;
  const std::string_view f = field(col);
  if (f.size() != 4) throw PgError("not a date: a field of " + std::to_string(f.size()) + " bytes", "22P03");
  const int64_t days = copy_be(f.data(), 4);
  // 'infinity' and '-infinity' are the extremes of int32: no calendar day.
  if (days < kFirst || days > kLast) throw PgError("not a date in the years 1 to 9999", "22007");
  return Date::from_days(int32_t(days + kFrom1970));
}

void PgBinaryCopyReader::feed(std::string_view piece, const std::function<void(const PgBinaryRow&)>& fn) {
  if (pending_.empty()) {
    // As a rule each piece holds whole tuples (libpq gives one row a call).
    const size_t used = read(piece, fn);
    pending_.assign(piece.substr(used));
    return;
  }
  pending_.append(piece);
  const size_t used = read(pending_, fn);
  pending_.erase(0, used);
}

size_t PgBinaryCopyReader::read(std::string_view data, const std::function<void(const PgBinaryRow&)>& fn) {
  static constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // and a zero byte: 11 in all
  size_t at = 0;
  if (!header_) {
    if (data.size() < 19) {
      if (std::string_view(kSignature, 11).substr(0, data.size()) != data.substr(0, 11))
        copy_broken("the header is wrong");
      return 0;
    }
    if (data.substr(0, 11) != std::string_view(kSignature, 11)) copy_broken("the header is wrong");
    // Flags 16-31 mark what changes the tuples (16: each has an OID); a
    // reader that does not know them must stop.
    if (copy_be(data.data() + 11, 4) & int64_t(0xFFFF0000)) copy_broken("the header's flags are not known");
    const int64_t extension = copy_be(data.data() + 15, 4);
    if (extension < 0) copy_broken("the header's extension is wrong");
    if (data.size() < 19 + size_t(extension)) return 0;
    at = 19 + size_t(extension);
    header_ = true;
  }
  while (at + 2 <= data.size()) {
    if (ended_) copy_broken("bytes after the trailer");
    const int64_t fields = copy_be(data.data() + at, 2);
    if (fields == -1) {
      ended_ = true;
      at += 2;
      continue;
    }
    if (fields < 0) copy_broken("a tuple of " + std::to_string(fields) + " fields");
    // The whole tuple first: its fields point into `data`.
    size_t p = at + 2;
    row_.fields_.clear();
    bool whole = true;
    for (int64_t i = 0; i < fields; ++i) {
      if (p + 4 > data.size()) {
        whole = false;
        break;
      }
      const int64_t n = copy_be(data.data() + p, 4);
      p += 4;
      if (n == -1) {
        row_.fields_.emplace_back();
        continue;
      }
      if (n < 0) copy_broken("a field of " + std::to_string(n) + " bytes");
      if (p + size_t(n) > data.size()) {
        whole = false;
        break;
      }
      // A field of no bytes (an empty text) still has data: it is no NULL.
      row_.fields_.emplace_back(data.data() + p, size_t(n));
      p += size_t(n);
    }
    if (!whole) break;
    fn(row_);
    at = p;
  }
  return at;
}

void PgBinaryCopyReader::finish() const {
  if (!ended_ || !pending_.empty()) copy_broken("it ended before its trailer");
}

PgConn::PgConn(const std::string& location) : location_(location) {
  conn_ = PQconnectdb(location.c_str());
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    const std::string m = pg_message(conn_);
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
    throw PgError(m, "");
  }
  set_session();
}

// Dates and instants read back in one form whatever the server's settings.
void PgConn::set_session() {
  exec("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET client_min_messages = warning");
}

PgConn::~PgConn() {
  if (conn_) PQfinish(conn_);
}

void PgConn::ensure_connected() {
  if (lost_)
    throw StoreUnavailable(Error{ErrorCode::kUnavailable, "db",
                                 "mất kết nối tới máy chủ PostgreSQL giữa chừng; không gì của lần ghi này được lưu",
                                 "the connection to the PostgreSQL server was lost midway; nothing of this write was kept"});
  const auto tx = PQtransactionStatus(conn_);
  call_in_transaction_ = tx == PQTRANS_INTRANS || tx == PQTRANS_INERROR;
  if (PQstatus(conn_) == CONNECTION_OK) return;
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string m = pg_message(conn_);
    throw StoreUnavailable(Error{ErrorCode::kUnavailable, "db",
                                 "không kết nối lại được máy chủ PostgreSQL: " + m,
                                 "cannot connect to the PostgreSQL server again: " + m});
  }
  cursors_ = 0;
  set_session();
}

void PgConn::fail(PGresult* r, std::string_view sql) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string m = primary ? primary : pg_message(conn_);
  const std::string code = state ? state : "";
  if (r) PQclear(r);
  (void)sql;
  // The server gone or going (connection lost, shut down, starting up):
  // unavailable now, connected again on the next call.
  if (PQstatus(conn_) != CONNECTION_OK || code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0) {
    if (call_in_transaction_) lost_ = true;
    throw StoreUnavailable(Error{ErrorCode::kUnavailable, "db", "mất kết nối tới máy chủ PostgreSQL: " + m,
                                 "the connection to the PostgreSQL server was lost: " + m});
  }
  // A standby, or a database set to read only.
  if (code == "25006")
    throw StoreUnavailable(Error{ErrorCode::kUnavailable, "db",
                                 "máy chủ PostgreSQL này chỉ cho đọc (một bản dự phòng?); hãy ghi vào máy chủ chính: " + m,
                                 "this PostgreSQL server takes no writes (a standby?); write to the primary: " + m});
  throw PgError(m, code);
}

void PgConn::exec(std::string_view sql) {
  const std::string text(sql);
  if (lost_) {
    // The lost transaction is ended: there is nothing left to roll back.
    if (text.rfind("ROLLBACK", 0) == 0) {
      lost_ = false;
      return;
    }
    if (text.rfind("BEGIN", 0) == 0) lost_ = false;
  }
  ensure_connected();
  PGresult* r = PQexec(conn_, text.c_str());
  auto s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  // A transaction begun on a connection found lost (the server restarted
  // since the last call) is begun again on a new one: nothing was in it.
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && PQstatus(conn_) != CONNECTION_OK &&
      text.rfind("BEGIN", 0) == 0) {
    if (r) PQclear(r);
    ensure_connected();
    r = PQexec(conn_, text.c_str());
    s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  }
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) fail(r, sql);
  PQclear(r);
}

PgResult PgConn::query(std::string_view sql, const Params& params) {
  ensure_connected();
  const auto ptrs = params.pointers();
  PGresult* r = PQexecParams(conn_, std::string(sql).c_str(), params.size(), nullptr, ptrs.data(), nullptr,
                             nullptr, 0);
  const auto s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) fail(r, sql);
  return PgResult(r);
}

void PgConn::copy_in(std::string_view copy_sql, std::string_view data) {
  ensure_connected();
  PGresult* r = PQexec(conn_, std::string(copy_sql).c_str());
  if (!r || PQresultStatus(r) != PGRES_COPY_IN) fail(r, copy_sql);
  PQclear(r);
  constexpr size_t kPiece = 1 << 20;
  bool sent = true;
  for (size_t at = 0; at < data.size() && sent; at += kPiece)
    sent = PQputCopyData(conn_, data.data() + at, int(std::min(kPiece, data.size() - at))) == 1;
  PQputCopyEnd(conn_, sent ? nullptr : "the data could not be sent");
  if (PGresult* failed = copy_failure()) fail(failed, copy_sql);
}

void PgConn::stream(std::string_view sql, const Params& params, const std::function<void(const PgRow&)>& fn) {
  constexpr int kFetch = 4096;
  const bool own = !in_transaction();
  if (own) exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const std::string cursor = "danso_cursor_" + std::to_string(++cursors_);
  try {
    query("DECLARE " + cursor + " NO SCROLL CURSOR FOR " + std::string(sql), params);
    const std::string fetch = "FETCH " + std::to_string(kFetch) + " FROM " + cursor;
    for (;;) {
      PgResult r = query(fetch);
      for (int i = 0; i < r.rows(); ++i) fn(PgRow{r, i});
      if (r.rows() < kFetch) break;
    }
    exec("CLOSE " + cursor);
  } catch (...) {
    --cursors_;
    try {
      if (own && in_transaction()) exec("ROLLBACK");
      else if (!own && PQtransactionStatus(conn_) == PQTRANS_INTRANS) exec("CLOSE " + cursor);
    } catch (const std::exception&) {
      // The connection is gone, and the cursor with it.
    }
    throw;
  }
  --cursors_;
  if (own) exec("COMMIT");
}

PGresult* PgConn::copy_failure() {
  // The COPY's result (an error when the server failed it or went away),
  // then the end of the results.
  PGresult* last = nullptr;
  while (PGresult* res = PQgetResult(conn_)) {
    if (PQresultStatus(res) != PGRES_COMMAND_OK && !last) {
      last = res;
      continue;
    }
    PQclear(res);
  }
  return last;
}

void PgConn::copy_out(std::string_view copy_sql, const std::function<void(const PgBinaryRow&)>& fn) {
  ensure_connected();
  PGresult* r = PQexec(conn_, std::string(copy_sql).c_str());
  if (!r || PQresultStatus(r) != PGRES_COPY_OUT) fail(r, copy_sql);
  PQclear(r);
  PgBinaryCopyReader reader;
  // A row refused by `fn` (or a stream that is not one) ends the reading,
  // not the COPY: the rest is drained so that the connection is usable after.
  std::exception_ptr refused;
  char* buf = nullptr;
  int n = 0;
  while ((n = PQgetCopyData(conn_, &buf, 0)) > 0) {
    if (!refused) {
      try {
        reader.feed(std::string_view(buf, size_t(n)), fn);
      } catch (...) {
        refused = std::current_exception();
      }
    }
    PQfreemem(buf);
  }
  PGresult* failed = copy_failure();
  if (failed || n == -2) fail(failed, copy_sql);
  if (refused) std::rethrow_exception(refused);
  reader.finish();
}

PgCursor::PgCursor(PgConn& conn, std::string_view sql, const Params& params, int fetch)
    : conn_(conn), name_(conn.cursor_name()), size_(fetch) {
  conn_.query("DECLARE " + name_ + " NO SCROLL CURSOR FOR " + std::string(sql), params);
  fetch_ = "FETCH " + std::to_string(fetch) + " FROM " + name_;
}

PgCursor::~PgCursor() {
  if (PQtransactionStatus(conn_.handle()) != PQTRANS_INTRANS) return;
  try {
    conn_.exec("CLOSE " + name_);
  } catch (const std::exception&) {
    // The connection is gone, and the cursor with it.
  }
}

bool PgCursor::next() {
  if (++at_ < batch_.rows()) return true;
  if (done_) return false;
  batch_ = conn_.query(fetch_);
  at_ = 0;
  done_ = batch_.rows() < size_;
  return batch_.rows() > 0;
}

bool PgConn::in_transaction() const {
  if (lost_) return true;
  const auto s = PQtransactionStatus(conn_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

}  // namespace danso::pg
