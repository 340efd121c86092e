// Adds one row's parameters and hashes each value as the SQLite adapter
// hashes it (store/sqlite/record_hashes.h HashingBinder): integers and
// flags as integers, days as their ISO text, so a record written through
// either engine has the same hash and an entry the same digest.
#pragma once

#include <optional>
#include <string_view>

#include "store/postgres/pg_conn.h"
#include "store/sqlite/record_hashes.h"

namespace danso::pg {

class PgRowBinder {
 public:
  explicit PgRowBinder(Params& p) : p_(p) {}
  PgRowBinder& integer(int64_t v) {
    p_.add(v);
    hash_.integer(v);
    return *this;
  }
  // A flag stored as boolean, hashed as 0 or 1.
  PgRowBinder& flag(bool v) {
    p_.add(v);
    hash_.integer(v ? 1 : 0);
    return *this;
  }
  PgRowBinder& id(int64_t v) { return v > 0 ? integer(v) : null(); }
  PgRowBinder& positive(int64_t v) { return v > 0 ? integer(v) : null(); }
  PgRowBinder& text(std::string_view v) {
    p_.add(v);
    hash_.text(v);
    return *this;
  }
  PgRowBinder& text_or_null(std::string_view v) { return v.empty() ? null() : text(v); }
  PgRowBinder& date(Date d) {
    const std::string iso = d.iso();
    p_.add(iso);
    hash_.text(iso);
    return *this;
  }
  PgRowBinder& date_or_null(const std::optional<Date>& d) { return d ? date(*d) : null(); }
  PgRowBinder& null() {
    p_.null();
    hash_.null();
    return *this;
  }
  PgRowBinder& unhashed_null() {
    p_.null();
    return *this;
  }
  sqlite::RowHashValue hash() { return hash_.finish(); }

 private:
  Params& p_;
  sqlite::RowHash hash_;
};

}  // namespace danso::pg
