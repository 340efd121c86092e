// Record hashes: what `danso audit verify --register` compares the register
// with (docs/cli.md#audit). Every row of a hashed table (units, unit links,
// staff assignments, households, persons, events, users) that DanSo writes
// is hashed as stored: SHA-256 over its values in column order, each as its
// type and bytes (RowHash; the SQL function danso_row_hash() computes the
// same from a stored row), the first 16 bytes kept. The hashes are kept in
// record_hashes under the number of the audit entry that records the write,
// 240 keys to a row (a row then fills a 4 KiB page): (kind, block = key
// div 240, seq, hashes), `hashes` a 30-byte bitmap of the keys of the block
// the entry wrote (bit k, byte k / 8 from the lowest bit: key block * 240 + k)
// and then their hashes in key order. An entry holds the
// count of its records and the digest of its rows,
//   d0 = 32 zero bytes; d(i) = SHA-256(d(i-1) | kind (1 byte) | block (8
//   bytes, big-endian) | SHA-256(hashes)), over its rows in (kind, block) order,
// so a hash edited in the table no longer adds up to the digest of its
// entry, which the audit log's hash chain (and its signed anchors) protect
// in turn. Older entries' rows stay (the history), so every entry's digest
// can be recomputed; a record's hash is that of the latest entry holding it.
//
//   RecordHasher h(db);
//   HashingBinder row(stmt, 1);
//   row.integer(id).text(name) ...;      // binds the parameters
//   h.add(kPersonRecord, id, row.hash());
//   RecordsDigest d = h.pending();        // what the next audit entry holds
//   h.bound();                            // once that entry is appended
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/date.h"
#include "store/sqlite/db.h"
#include "store/sqlite/sha256.h"
#include "store/store.h"

namespace danso::sqlite {

// 128 bits of a row's hash are kept: finding another row with the same
// hash (a second preimage) stays out of reach.
inline constexpr size_t kRowHashBytes = 16;
using RowHashValue = std::array<unsigned char, kRowHashBytes>;
// The hash kept for a record an audited write removed (a slip cancelled):
// no row hashes to zero bytes, so a record whose latest hash is this one is
// expected to be absent.
inline constexpr RowHashValue kRemovedRecord{};
// Keys to a row of record_hashes, and a key's block and place in it.
inline constexpr size_t kBlockKeys = 240;
inline int64_t block_of(int64_t key) {
  const int64_t n = int64_t(kBlockKeys);
  return key >= 0 ? key / n : -((-key + n - 1) / n);
}
inline int block_offset(int64_t key) { return int(key - block_of(key) * int64_t(kBlockKeys)); }

enum RecordKind : int {
  kUnitRecord = 1,
  kUnitLinkRecord = 2,
  kStaffRecord = 3,
  kHouseholdRecord = 4,
  kPersonRecord = 5,
  kEventRecord = 6,
  kUserRecord = 7,
};

// A hashed table: its rows' key and hash as SQL expressions over its
// columns (the columns in the order its writes bind them), and the order
// of the keys.
struct HashedTable {
  int kind;
  const char* name;   // as verify names it: person, household, ...
  const char* table;
  const char* key;    // one integer per row
  const char* hash;   // danso_row_hash(...) of every column
  const char* order;  // ORDER BY giving the rows in key order
};

std::span<const HashedTable> hashed_tables();
const HashedTable& hashed_table(int kind);
// A record's key as a person reads it: "12", staff "7 2019-01-01", a link "3>5".
std::string record_key_text(int kind, int64_t key);
// The key of a staff assignment and of a unit link.
int64_t staff_key(int64_t staff_id, Date start);
int64_t unit_link_key(int64_t from, int64_t to);
// The SQL of the migration that starts keeping record hashes: the hashes of
// the rows already there, under entry 0 (no entry: the baseline).
std::string record_baseline_sql();

// The hash of a row from its values in column order.
class RowHash {
 public:
  RowHash& integer(int64_t v);
  RowHash& real(double v);
  RowHash& text(std::string_view v);
  RowHash& blob(std::string_view v);
  RowHash& null();
  RowHashValue finish();

 private:
  void put(const void* data, size_t size);
  Sha256 sha_;
  unsigned char buf_[256];  // collected, so a row is hashed in one or two calls
  size_t used_ = 0;
};

// Binds one row's parameters, from `first` on, and hashes each value as it
// is bound (so as SQLite stores it: the writes bind integers to INTEGER
// columns and text to TEXT ones).
class HashingBinder {
 public:
  HashingBinder(Stmt& st, int first) : st_(st), i_(first) {}
  HashingBinder& integer(int64_t v);
  HashingBinder& id(int64_t v);            // NULL when 0
  HashingBinder& positive(int64_t v);      // NULL when not above 0
  HashingBinder& text(std::string_view v);  // not copied: alive until the statement runs
  HashingBinder& text_or_null(std::string_view v);  // NULL when empty
  HashingBinder& date(Date d);
  HashingBinder& date_or_null(const std::optional<Date>& d);
  HashingBinder& null();
  // A NULL left out of the hash: the columns added to a table later are
  // hashed only when set, so the rows written before keep their hashes
  // (the table's hash expression says the same with a CASE).
  HashingBinder& unhashed_null();
  RowHashValue hash() { return hash_.finish(); }

 private:
  Stmt& st_;
  int i_;
  RowHash hash_;
};

// Where a RecordHasher reads and writes the rows of record_hashes: the
// engine's connection (SqliteHashRows below; store/postgres/ has its own).
class HashRows {
 public:
  virtual ~HashRows() = default;
  // The audit log's last entry number (audit_head), 0 when it is empty.
  virtual int64_t audit_head_seq() = 0;
  // One row's hashes; none when there is no such row.
  virtual std::optional<std::string> read(int kind, int64_t block, int64_t seq) = 0;
  // Inserts the row or replaces it.
  virtual void write(int kind, int64_t block, int64_t seq, std::string_view hashes) = 0;
  virtual void remove(int kind, int64_t block, int64_t seq) = 0;
  // The transaction ended: what was prepared for it goes.
  virtual void reset() {}
};

class SqliteHashRows final : public HashRows {
 public:
  explicit SqliteHashRows(Db& db) : db_(db) {}
  int64_t audit_head_seq() override;
  std::optional<std::string> read(int kind, int64_t block, int64_t seq) override;
  void write(int kind, int64_t block, int64_t seq, std::string_view hashes) override;
  void remove(int kind, int64_t block, int64_t seq) override;
  void reset() override { insert_.reset(); }

 private:
  Db& db_;
  std::optional<Stmt> insert_;  // prepared once a transaction
};

// The hashes a transaction writes, kept under the number of the audit
// entry it appends next. One per connection; the transaction's own thread
// uses it.
class RecordHasher {
 public:
  explicit RecordHasher(HashRows& rows) : rows_(rows) {}

  void add(int kind, int64_t key, const RowHashValue& hash);
  // Count and digest of the records not yet bound to an entry (written to
  // the table first).
  RecordsDigest pending();
  // The entry number they are kept under (0 when none is pending).
  int64_t pending_seq() const { return seq_; }
  // The entry holding them was appended.
  void bound() { reset(); }
  // Before the transaction commits: rows no entry holds are removed (a write
  // without an audit entry leaves no hash, and verify --register names its
  // records).
  void before_commit();
  void reset();

 private:
  struct Block {
    std::array<uint64_t, 4> bits{};
    std::array<RowHashValue, kBlockKeys> hashes{};
    void set(int offset, const RowHashValue& h);
    std::string blob() const;
    int count() const;
  };
  using BlockId = std::pair<int, int64_t>;  // kind, block_of(key)
  static constexpr size_t kOpenBlocks = 65536;  // blocks held in memory out of order before writing them

  void write_block(const BlockId& id, Block& block);
  void write_all();

  HashRows& rows_;
  int64_t seq_ = 0;
  bool in_order_ = true;  // blocks came in key order: the digest is chained as they are written
  std::optional<BlockId> current_id_;
  Block current_;
  std::map<BlockId, Block> open_;     // out of order, not yet written
  std::set<BlockId> written_;         // rows written under seq_
  std::array<unsigned char, 32> chain_{};
  int64_t count_ = 0;                 // records in the rows written, while in order
  std::optional<RecordsDigest> digest_;
};

// One step of an entry's digest (see above).
void chain_block(std::array<unsigned char, 32>& state, int kind, int64_t block, std::string_view hashes);

// What the scan reads, from either engine: the rows of record_hashes in
// (kind, block, seq) order, and each hashed table's records in key order
// with the hash of each as stored.
class ScanSource {
 public:
  virtual ~ScanSource() = default;
  struct HashRow {
    int kind = 0;
    int64_t block = 0, seq = 0;
    std::string hashes;
  };
  // The next row of record_hashes; false after the last.
  virtual bool next_hashes(HashRow& row) = 0;
  // Starts reading the records of `table`; then the next one, false after the last.
  virtual void open_records(const HashedTable& table) = 0;
  virtual bool next_record(int64_t& key, RowHashValue& hash) = 0;
};

// Reads every hashed table beside record_hashes, in key order, and reports
// what differs; recomputes the digest of every entry's rows.
RecordScan scan_record_hashes(ScanSource& source, size_t keep_findings);
RecordScan scan_record_hashes(Db& db, size_t keep_findings);  // SQLite's tables

// Registers danso_row_hash(...), and danso_block(key) with the aggregate
// danso_hash_block(key, hash) (one row of record_hashes, for the
// migration's baseline).
void register_hash_functions(sqlite3* db);

}  // namespace danso::sqlite
