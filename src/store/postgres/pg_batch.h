// Writes many rows with one INSERT of up to `per_statement` rows
// ("INSERT ... VALUES ($1,$2),($3,$4),... tail"), which saves a round trip
// and the server's per-statement work for each row. A row whose key is
// already in the statement being gathered starts the next one, since an
// upsert may touch a row once per statement (SQLite's take them in turn).
//
//   insert_batched<Person>(conn, "INSERT INTO persons(id, name) VALUES ", 2, " ON CONFLICT ...", rows,
//                          [](Params& p, const Person& x) { p.add(x.id.value).add(x.name); },
//                          [](const Person& x) { return x.id.value; });
#pragma once

#include <set>
#include <span>
#include <string>
#include <string_view>

#include "store/postgres/pg_conn.h"

namespace danso::pg {

template <typename T, typename BindFn, typename KeyFn>
void insert_batched(PgConn& conn, std::string_view head, int columns, std::string_view tail, std::span<const T> rows,
                    BindFn bind, KeyFn key, size_t per_statement = 500) {
  Params params;
  size_t gathered = 0;
  std::set<decltype(key(rows[0]))> keys;
  auto flush = [&] {
    if (!gathered) return;
    std::string sql(head);
    int n = 0;
    for (size_t i = 0; i < gathered; ++i) {
      sql += i ? ",(" : "(";
      for (int c = 0; c < columns; ++c) {
        if (c) sql += ',';
        sql += '$';
        sql += std::to_string(++n);
      }
      sql += ')';
    }
    sql += tail;
    conn.query(sql, params);
    params.clear();
    keys.clear();
    gathered = 0;
  };
  for (const T& row : rows) {
    if (!keys.insert(key(row)).second) {
      flush();
      keys.insert(key(row));
    }
    bind(params, row);
    if (++gathered == per_statement) flush();
  }
  flush();
}

}  // namespace danso::pg
