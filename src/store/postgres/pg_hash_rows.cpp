#include "store/postgres/pg_hash_rows.h"

namespace danso::pg {

int64_t PgHashRows::audit_head_seq() {
  PgResult r = conn_.query("SELECT seq FROM audit_head WHERE id = 1");
  return r.rows() ? r.i64(0, 0) : 0;
}

std::optional<std::string> PgHashRows::read(int kind, int64_t block, int64_t seq) {
  PgResult r = conn_.query("SELECT hashes FROM record_hashes WHERE kind = $1 AND block = $2 AND seq = $3",
                           Params().add(kind).add(block).add(seq));
  if (!r.rows()) return std::nullopt;
  return r.bytes(0, 0);
}

void PgHashRows::write(int kind, int64_t block, int64_t seq, std::string_view hashes) {
  conn_.query("INSERT INTO record_hashes(kind, block, seq, hashes) VALUES ($1, $2, $3, $4::bytea) "
              "ON CONFLICT (kind, block, seq) DO UPDATE SET hashes = EXCLUDED.hashes",
              Params().add(kind).add(block).add(seq).add(bytea_hex(hashes)));
}

void PgHashRows::remove(int kind, int64_t block, int64_t seq) {
  conn_.query("DELETE FROM record_hashes WHERE kind = $1 AND block = $2 AND seq = $3",
              Params().add(kind).add(block).add(seq));
}

}  // namespace danso::pg
