// The register read beside its record hashes on PostgreSQL (`audit verify
// --register`): the scan is SQLite's (store/sqlite/record_hashes.h); here
// each record's hash is computed from the stored row as SQLite's
// danso_row_hash computes it, from each value as SQLite would hold it:
// integers and flags as integers, days, instants and text as text.
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

// A hashed table read back: its key, then its hashed columns in order, each
// of a type: 'i' integer, 'b' flag (hashed as 0 or 1), 't' text. Columns
// after `spouse` (the event's spouse outside the register, migration 20)
// are hashed only when the first of them is not NULL.
struct PgHashedRead {
  int kind;
  const char* select;  // key, then the columns
  const char* types;
  int optional_from;   // -1: none
};

constexpr PgHashedRead kPgHashedReads[] = {
    {sqlite::kUnitRecord,
     "SELECT id, id, code, name, kind, level, parent_id, valid_from, valid_to, urban, mountainous, coastal, "
     "difficult, border FROM units ORDER BY id",
     "itttiittbbbbb", -1},
    {sqlite::kUnitLinkRecord,
     "SELECT from_id * 4294967296 + to_id, from_id, to_id, type, effective FROM unit_links ORDER BY 1", "iitt", -1},
    {sqlite::kStaffRecord,
     "SELECT staff_id * 100000000 + to_char(start, 'YYYYMMDD')::bigint, staff_id, name, sex, role, unit_id, duties, "
     "start, \"end\" FROM staff_assignments ORDER BY 1",
     "itttittt", -1},
    {sqlite::kHouseholdRecord,
     "SELECT id, id, village_id, address, poverty, social_protection, ethnic_minority, registered_on FROM households "
     "ORDER BY id",
     "iittbbt", -1},
    {sqlite::kPersonRecord,
     "SELECT id, id, household_id, name, sex, birth_date, citizen_id, relation, ethnicity, marital, residence, "
     "registered_on FROM persons ORDER BY id",
     "iittttttttt", -1},
    {sqlite::kEventRecord,
     "SELECT id, id, type, date, village_id, person_id, related_id, household_id, birth_order, method, conditions, "
     "child_marriage, consanguineous, outcome, counterpart, place, recorded_by, recorded_on, spouse_name, "
     "spouse_birth_year, spouse_address, spouse_nationality FROM events ORDER BY id",
     "ittiiiiitibbtttittitt", 17},
    {sqlite::kUserRecord,
     "SELECT id, id, username, password_hash, role, unit_id, disabled, totp_secret, totp_last_step, "
     "danso_instant(created_at), (SELECT string_agg(village_id::text, ',' ORDER BY village_id) FROM user_villages "
     "WHERE user_id = users.id) FROM users ORDER BY id",
     "itttibtitt", -1},
};

class PgScanSource final : public sqlite::ScanSource {
 public:
  explicit PgScanSource(PgConn& conn)
      : conn_(conn), hashes_(conn, "SELECT kind, block, seq, hashes FROM record_hashes ORDER BY kind, block, seq") {}

  bool next_hashes(HashRow& row) override {
    if (!hashes_.next()) return false;
    const PgRow r = hashes_.row();
    row.kind = r.i32(0);
    row.block = r.i64(1);
    row.seq = r.i64(2);
    row.hashes = r.result.bytes(r.row, 3);
    return true;
  }

  void open_records(const sqlite::HashedTable& table) override {
    records_.reset();
    read_ = nullptr;
    for (const auto& t : kPgHashedReads)
      if (t.kind == table.kind) read_ = &t;
    if (read_) records_.emplace(conn_, read_->select);
  }

  bool next_record(int64_t& key, sqlite::RowHashValue& hash) override {
    if (!records_ || !records_->next()) return false;
    const PgRow r = records_->row();
    key = r.i64(0);
    sqlite::RowHash h;
    const std::string_view types = read_->types;
    for (int c = 0; c < int(types.size()); ++c) {
      const int col = c + 1;
      if (read_->optional_from >= 0 && c == read_->optional_from && r.is_null(col)) break;
      if (r.is_null(col)) {
        h.null();
      } else if (types[size_t(c)] == 'i') {
        h.integer(r.i64(col));
      } else if (types[size_t(c)] == 'b') {
        h.integer(r.boolean(col) ? 1 : 0);
      } else {
        h.text(r.text(col));
      }
    }
    hash = h.finish();
    return true;
  }

 private:
  PgConn& conn_;
  PgCursor hashes_;
  const PgHashedRead* read_ = nullptr;
  std::optional<PgCursor> records_;
};

}  // namespace

RecordScan PgStore::scan_records(size_t keep_findings) {
  RecordScan scan;
  read_consistently([&] {
    PgScanSource source(*conn_);
    scan = sqlite::scan_record_hashes(source, keep_findings);
  });
  return scan;
}

}  // namespace danso::pg
