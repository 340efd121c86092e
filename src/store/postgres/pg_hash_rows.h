// The rows of record_hashes on a PostgreSQL connection, for the record
// hasher shared with SQLite (store/sqlite/record_hashes.h): the same rows,
// the hashes as bytea.
#pragma once

#include "store/postgres/pg_conn.h"
#include "store/sqlite/record_hashes.h"

namespace danso::pg {

class PgHashRows final : public sqlite::HashRows {
 public:
  explicit PgHashRows(PgConn& conn) : conn_(conn) {}
  int64_t audit_head_seq() override;
  std::optional<std::string> read(int kind, int64_t block, int64_t seq) override;
  void write(int kind, int64_t block, int64_t seq, std::string_view hashes) override;
  void remove(int kind, int64_t block, int64_t seq) override;

 private:
  PgConn& conn_;
};

}  // namespace danso::pg
