// What a PostgreSQL server says of itself (Store::server_facts): whether it
// is a hot standby, the identity it shares with its standbys, when it
// started, and where its write-ahead log is.
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

ServerFacts PgStore::server_facts() {
  // On a primary, the log's insert position (what every commit so far,
  // flushed or not, ends within); on a standby, the end of the last record
  // replayed (pg_last_wal_replay_lsn). The insert position at the very start
  // of a page points past that page's header (24 bytes, 40 on a segment's
  // first page), where no record ends: it is taken back to the page's start,
  // as a record ending there is replayed. Functions:
  // https://www.postgresql.org/docs/15/functions-admin.html#FUNCTIONS-RECOVERY-CONTROL
  // https://www.postgresql.org/docs/15/functions-info.html#FUNCTIONS-PG-CONTROL-SYSTEM
  PgResult r = conn_->query(
      "WITH s AS (SELECT pg_is_in_recovery() AS standby, "
      "pg_size_bytes(current_setting('wal_segment_size')) AS segment, "
      "current_setting('wal_block_size')::bigint AS page), "
      "p AS (SELECT standby, segment, page, CASE WHEN standby "
      "THEN (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint "
      "ELSE (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint END AS at FROM s) "
      "SELECT standby, "
      "(SELECT system_identifier::text FROM pg_control_system()) || '/' || "
      "(SELECT oid::text FROM pg_database WHERE datname = current_database()), "
      "to_char(pg_postmaster_start_time() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
      "CASE WHEN at IS NULL THEN -1 "
      "WHEN NOT standby AND at % segment = 40 THEN at - 40 "
      "WHEN NOT standby AND at % page = 24 THEN at - 24 ELSE at END "
      "FROM p");
  ServerFacts f;
  f.standby = r.boolean(0, 0);
  f.identity = std::string(r.text(0, 1));
  f.started_at = std::string(r.text(0, 2));
  f.log_position = r.i64(0, 3);
  return f;
}

}  // namespace danso::pg
