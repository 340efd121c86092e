// Writes many rows with one INSERT of up to `per_statement` rows
// ("INSERT ... VALUES ($1,$2),($3,$4),... tail"), which saves a round trip
// and the server's per-statement work for each row. A row whose key is
// already in the statement being gathered starts the next one, since an
// upsert may touch a row once per statement (SQLite's take them in turn).
// Inside a transaction, kCopyRows rows or more go by COPY instead, into a
// temporary table like the target (dropped at the commit), and from there
// into the target with the same tail (ON CONFLICT ...): of rows sharing a
// key, the last one written is kept, as the statements above would keep it.
// Rows none of whose keys the table can hold yet (RowsAre::kNew: their ids
// above the table's largest), or written without a tail (no conflict to
// resolve), are copied straight into the target instead.
//
//   insert_batched<Person>(conn, "INSERT INTO persons(id, name) VALUES ", 2, " ON CONFLICT ...", rows,
//                          [](Params& p, const Person& x) { p.add(x.id.value).add(x.name); },
//                          [](const Person& x) { return x.id.value; });
#pragma once

#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/postgres/pg_conn.h"

namespace danso::pg {

inline constexpr size_t kCopyRows = 1000;

// Whether some of the rows may be in the table already.
enum class RowsAre { kMaybeStored, kNew };

// `head` is "INSERT INTO table(columns) VALUES ".
template <typename T, typename BindFn, typename KeyFn>
void copy_batched(PgConn& conn, std::string_view head, std::string_view tail, std::span<const T> rows, BindFn bind,
                  KeyFn key, RowsAre rows_are) {
  const size_t open = head.find('('), close = head.rfind(')');
  const std::string table(head.substr(12, open - 12));  // after "INSERT INTO "
  const std::string columns(head.substr(open + 1, close - open - 1));
  const std::string stage = "danso_stage_" + table;
  // Every row is bound (and so hashed) in order; the last of each key is sent.
  std::vector<std::string> lines(rows.size());
  std::map<decltype(key(rows[0])), size_t> last;
  Params params;
  for (size_t i = 0; i < rows.size(); ++i) {
    params.clear();
    bind(params, rows[i]);
    params.append_copy_line(lines[i]);
    last[key(rows[i])] = i;
  }
  std::string data;
  for (size_t i = 0; i < rows.size(); ++i)
    if (last[key(rows[i])] == i) data += lines[i];
  if (tail.empty() || rows_are == RowsAre::kNew) {
    conn.copy_in("COPY " + table + " (" + columns + ") FROM STDIN", data);
    return;
  }
  conn.exec("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + table + ") ON COMMIT DROP");
  conn.exec("TRUNCATE " + stage);
  conn.copy_in("COPY " + stage + " (" + columns + ") FROM STDIN", data);
  conn.exec("INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + stage + std::string(tail));
}

template <typename T, typename BindFn, typename KeyFn>
void insert_batched(PgConn& conn, std::string_view head, int columns, std::string_view tail, std::span<const T> rows,
                    BindFn bind, KeyFn key, RowsAre rows_are = RowsAre::kMaybeStored, size_t per_statement = 500) {
  if (rows.size() >= kCopyRows && conn.in_transaction())
    return copy_batched(conn, head, tail, rows, bind, key, rows_are);
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
