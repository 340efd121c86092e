#include "store/sqlite/record_hashes.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace danso::sqlite {

namespace {

// The columns of each table in the order of its CREATE TABLE, which is the
// order its writes bind them. A user's villages belong to the user: they
// are hashed with the row.
constexpr HashedTable kTables[] = {
    {kUnitRecord, "unit", "units", "id",
     "danso_row_hash(id, code, name, kind, level, parent_id, valid_from, valid_to, urban, mountainous, coastal, "
     "difficult, border)",
     "id"},
    {kUnitLinkRecord, "unit_link", "unit_links", "from_id * 4294967296 + to_id",
     "danso_row_hash(from_id, to_id, type, effective)", "1"},
    {kStaffRecord, "staff", "staff_assignments", "staff_id * 100000000 + CAST(replace(start, '-', '') AS INTEGER)",
     "danso_row_hash(staff_id, name, sex, role, unit_id, duties, start, \"end\")", "1"},
    {kHouseholdRecord, "household", "households", "id",
     "danso_row_hash(id, village_id, address, poverty, social_protection, ethnic_minority, registered_on)", "id"},
    {kPersonRecord, "person", "persons", "id",
     "danso_row_hash(id, household_id, name, sex, birth_date, citizen_id, relation, ethnicity, marital, residence, "
     "registered_on)",
     "id"},
    {kEventRecord, "event", "events", "id",
     // The spouse outside the register (migration 20) is hashed only when named.
     "CASE WHEN spouse_name IS NULL THEN "
     "danso_row_hash(id, type, date, village_id, person_id, related_id, household_id, birth_order, method, "
     "conditions, child_marriage, consanguineous, outcome, counterpart, place, recorded_by, recorded_on) ELSE "
     "danso_row_hash(id, type, date, village_id, person_id, related_id, household_id, birth_order, method, "
     "conditions, child_marriage, consanguineous, outcome, counterpart, place, recorded_by, recorded_on, "
     "spouse_name, spouse_birth_year, spouse_address, spouse_nationality) END",
     "id"},
    {kUserRecord, "user", "users", "id",
     "danso_row_hash(id, username, password_hash, role, unit_id, disabled, totp_secret, totp_last_step, created_at, "
     "(SELECT group_concat(village_id) FROM user_villages WHERE user_id = users.id))",
     "id"},
};

constexpr size_t kBitmapBytes = kBlockKeys / 8;
using Bits = std::array<uint64_t, 4>;  // kBlockKeys bits and a few more
bool has_bit(const Bits& b, int off) { return b[size_t(off / 64)] >> (off % 64) & 1; }
void set_bit(Bits& b, int off) { b[size_t(off / 64)] |= uint64_t(1) << (off % 64); }
int count_bits(const Bits& b) {
  int n = 0;
  for (uint64_t w : b) n += std::popcount(w);
  return n;
}

void put_be(unsigned char* out, uint64_t v, int bytes) {
  for (int b = 0; b < bytes; ++b) out[b] = static_cast<unsigned char>(v >> (8 * (bytes - 1 - b)));
}

// A block's hashes as stored: the bitmap, then a hash per bit set. Empty
// when the blob is not of that shape (damaged).
struct Decoded {
  bool ok = false;
  Bits bits{};
  std::array<RowHashValue, kBlockKeys> hashes{};
};

std::string encode(const Bits& bits, const std::array<RowHashValue, kBlockKeys>& hashes) {
  std::string out(kBitmapBytes, '\0');
  out.reserve(kBitmapBytes + size_t(count_bits(bits)) * kRowHashBytes);
  for (size_t j = 0; j < kBitmapBytes; ++j) out[j] = char(bits[j / 8] >> (8 * (j % 8)) & 0xff);
  for (int off = 0; off < int(kBlockKeys); ++off)
    if (has_bit(bits, off)) out.append(reinterpret_cast<const char*>(hashes[size_t(off)].data()), kRowHashBytes);
  return out;
}

Decoded decode(std::string_view blob) {
  Decoded d;
  if (blob.size() < kBitmapBytes) return d;
  for (size_t j = 0; j < kBitmapBytes; ++j)
    d.bits[j / 8] |= uint64_t(static_cast<unsigned char>(blob[j])) << (8 * (j % 8));
  const size_t n = size_t(count_bits(d.bits));
  if (blob.size() != kBitmapBytes + n * kRowHashBytes) return d;
  size_t at = kBitmapBytes;
  for (int off = 0; off < int(kBlockKeys); ++off)
    if (has_bit(d.bits, off)) {
      std::memcpy(d.hashes[size_t(off)].data(), blob.data() + at, kRowHashBytes);
      at += kRowHashBytes;
    }
  d.ok = true;
  return d;
}

// danso_row_hash(v1, v2, ...): RowHash over the stored values.
void row_hash_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  RowHash h;
  for (int i = 0; i < argc; ++i) {
    sqlite3_value* v = argv[i];
    switch (sqlite3_value_type(v)) {
      case SQLITE_INTEGER: h.integer(sqlite3_value_int64(v)); break;
      case SQLITE_FLOAT: h.real(sqlite3_value_double(v)); break;
      case SQLITE_TEXT: {
        const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
        h.text(std::string_view(p ? p : "", size_t(sqlite3_value_bytes(v))));
        break;
      }
      case SQLITE_BLOB: {
        const auto* p = static_cast<const char*>(sqlite3_value_blob(v));
        h.blob(std::string_view(p ? p : "", size_t(sqlite3_value_bytes(v))));
        break;
      }
      default: h.null();
    }
  }
  const RowHashValue out = h.finish();
  sqlite3_result_blob(ctx, out.data(), int(out.size()), SQLITE_TRANSIENT);
}

// danso_hash_block(offset, hash): the stored form of one block.
struct BlockAggregate {
  Bits bits;
  std::array<RowHashValue, kBlockKeys> hashes;
};

void hash_block_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* b = static_cast<BlockAggregate*>(sqlite3_aggregate_context(ctx, sizeof(BlockAggregate)));
  if (!b) return sqlite3_result_error_nomem(ctx);
  const int off = block_offset(sqlite3_value_int64(argv[0]));
  const auto* h = static_cast<const unsigned char*>(sqlite3_value_blob(argv[1]));
  if (!h || sqlite3_value_bytes(argv[1]) != int(kRowHashBytes)) return;
  set_bit(b->bits, off);
  std::memcpy(b->hashes[size_t(off)].data(), h, kRowHashBytes);
}

void hash_block_final(sqlite3_context* ctx) {
  auto* b = static_cast<BlockAggregate*>(sqlite3_aggregate_context(ctx, 0));
  const std::string blob = b ? encode(b->bits, b->hashes) : encode(Bits{}, {});
  sqlite3_result_blob(ctx, blob.data(), int(blob.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::span<const HashedTable> hashed_tables() { return kTables; }

const HashedTable& hashed_table(int kind) {
  for (const auto& t : kTables)
    if (t.kind == kind) return t;
  throw std::invalid_argument("no hashed table of kind " + std::to_string(kind));
}

std::string record_key_text(int kind, int64_t key) {
  if (kind == kStaffRecord) {
    const int64_t ymd = key % 100000000;
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", int(ymd / 10000), int(ymd / 100 % 100), int(ymd % 100));
    return std::to_string(key / 100000000) + " " + date;
  }
  if (kind == kUnitLinkRecord) return std::to_string(key >> 32) + ">" + std::to_string(key & 0xffffffff);
  return std::to_string(key);
}

int64_t staff_key(int64_t staff_id, Date start) {
  char iso[10];
  start.write_iso(iso);
  const int64_t ymd = (iso[0] - '0') * 10000000LL + (iso[1] - '0') * 1000000LL + (iso[2] - '0') * 100000LL +
                      (iso[3] - '0') * 10000LL + (iso[5] - '0') * 1000LL + (iso[6] - '0') * 100LL +
                      (iso[8] - '0') * 10LL + (iso[9] - '0');
  return staff_id * 100000000 + ymd;
}

int64_t unit_link_key(int64_t from, int64_t to) { return from * 4294967296LL + to; }

std::string record_baseline_sql() {
  // Migration 7 runs before the events have the spouse's columns (migration
  // 20); a row without them hashes as the expression's first branch.
  constexpr const char* kEventHashBefore20 =
      "danso_row_hash(id, type, date, village_id, person_id, related_id, household_id, birth_order, method, "
      "conditions, child_marriage, consanguineous, outcome, counterpart, place, recorded_by, recorded_on)";
  std::string sql;
  for (const auto& t : kTables)
    sql += std::string("INSERT INTO record_hashes(kind, block, seq, hashes) SELECT ") + std::to_string(t.kind) +
           ", danso_block(k), 0, danso_hash_block(k, h) FROM (SELECT " + t.key + " AS k, " +
           (t.kind == kEventRecord ? kEventHashBefore20 : t.hash) + " AS h FROM " +
           t.table + ") GROUP BY danso_block(k);\n";
  return sql;
}

void register_hash_functions(sqlite3* db) {
  sqlite3_create_function_v2(db, "danso_row_hash", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, row_hash_function,
                             nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db, "danso_hash_block", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, nullptr,
                             hash_block_step, hash_block_final, nullptr);
  sqlite3_create_function_v2(
      db, "danso_block", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
      [](sqlite3_context* ctx, int, sqlite3_value** argv) { sqlite3_result_int64(ctx, block_of(sqlite3_value_int64(argv[0]))); },
      nullptr, nullptr, nullptr);
}

// --- RowHash, HashingBinder ----------------------------------------------

void RowHash::put(const void* data, size_t size) {
  if (used_ + size > sizeof buf_) {
    sha_.update(buf_, used_);
    used_ = 0;
    if (size > sizeof buf_) return sha_.update(data, size);
  }
  std::memcpy(buf_ + used_, data, size);
  used_ += size;
}

RowHash& RowHash::integer(int64_t v) {
  unsigned char b[9] = {'i'};
  put_be(b + 1, uint64_t(v), 8);
  put(b, sizeof b);
  return *this;
}

RowHash& RowHash::real(double v) {
  uint64_t bits = 0;
  static_assert(sizeof bits == sizeof v);
  std::memcpy(&bits, &v, sizeof bits);
  unsigned char b[9] = {'f'};
  put_be(b + 1, bits, 8);
  put(b, sizeof b);
  return *this;
}

RowHash& RowHash::text(std::string_view v) {
  unsigned char b[5] = {'t'};
  put_be(b + 1, v.size(), 4);
  put(b, sizeof b);
  put(v.data(), v.size());
  return *this;
}

RowHash& RowHash::blob(std::string_view v) {
  unsigned char b[5] = {'b'};
  put_be(b + 1, v.size(), 4);
  put(b, sizeof b);
  put(v.data(), v.size());
  return *this;
}

RowHash& RowHash::null() {
  const unsigned char b = 'n';
  put(&b, 1);
  return *this;
}

RowHashValue RowHash::finish() {
  sha_.update(buf_, used_);
  used_ = 0;
  const auto full = sha_.finish();
  RowHashValue out{};
  std::memcpy(out.data(), full.data(), out.size());
  return out;
}

HashingBinder& HashingBinder::integer(int64_t v) {
  st_.bind(i_++, v);
  hash_.integer(v);
  return *this;
}
HashingBinder& HashingBinder::id(int64_t v) { return v > 0 ? integer(v) : null(); }
HashingBinder& HashingBinder::positive(int64_t v) { return v > 0 ? integer(v) : null(); }
HashingBinder& HashingBinder::text(std::string_view v) {
  st_.bind_static(i_++, v);
  hash_.text(v);
  return *this;
}
HashingBinder& HashingBinder::text_or_null(std::string_view v) { return v.empty() ? null() : text(v); }
HashingBinder& HashingBinder::date(Date d) {
  char iso[10];
  d.write_iso(iso);
  st_.bind(i_++, d);
  hash_.text(std::string_view(iso, sizeof iso));
  return *this;
}
HashingBinder& HashingBinder::date_or_null(const std::optional<Date>& d) { return d ? date(*d) : null(); }
HashingBinder& HashingBinder::null() {
  st_.bind_null(i_++);
  hash_.null();
  return *this;
}

HashingBinder& HashingBinder::unhashed_null() {
  st_.bind_null(i_++);
  return *this;
}

// --- SqliteHashRows --------------------------------------------------------

int64_t SqliteHashRows::audit_head_seq() {
  Stmt head(db_.handle(), "SELECT seq FROM audit_head WHERE id = 1");
  return head.step() ? head.i64(0) : 0;
}

std::optional<std::string> SqliteHashRows::read(int kind, int64_t block, int64_t seq) {
  Stmt st(db_.handle(), "SELECT hashes FROM record_hashes WHERE kind = ? AND block = ? AND seq = ?");
  st.bind(1, int64_t(kind)).bind(2, block).bind(3, seq);
  if (!st.step()) return std::nullopt;
  return std::string(st.blob(0));
}

void SqliteHashRows::write(int kind, int64_t block, int64_t seq, std::string_view hashes) {
  if (!insert_) insert_.emplace(db_.handle(), "INSERT OR REPLACE INTO record_hashes(kind, block, seq, hashes) VALUES (?, ?, ?, ?)");
  insert_->bind(1, int64_t(kind)).bind(2, block).bind(3, seq).bind_blob(4, hashes.data(), hashes.size()).exec();
}

void SqliteHashRows::remove(int kind, int64_t block, int64_t seq) {
  Stmt(db_.handle(), "DELETE FROM record_hashes WHERE kind = ? AND block = ? AND seq = ?")
      .bind(1, int64_t(kind)).bind(2, block).bind(3, seq).exec();
}

// --- RecordHasher ---------------------------------------------------------

void RecordHasher::Block::set(int offset, const RowHashValue& h) {
  set_bit(bits, offset);
  hashes[size_t(offset)] = h;
}

int RecordHasher::Block::count() const { return count_bits(bits); }

std::string RecordHasher::Block::blob() const { return encode(bits, hashes); }

void chain_block(std::array<unsigned char, 32>& state, int kind, int64_t block, std::string_view hashes) {
  Sha256 inner;
  inner.update(hashes.data(), hashes.size());
  const auto h = inner.finish();
  unsigned char buf[32 + 1 + 8 + 32];
  std::memcpy(buf, state.data(), 32);
  buf[32] = static_cast<unsigned char>(kind);
  put_be(buf + 33, uint64_t(block), 8);
  std::memcpy(buf + 41, h.data(), 32);
  Sha256 outer;
  outer.update(buf, sizeof buf);
  state = outer.finish();
}

void RecordHasher::add(int kind, int64_t key, const RowHashValue& hash) {
  digest_.reset();
  if (seq_ == 0) seq_ = rows_.audit_head_seq() + 1;
  const BlockId id{kind, block_of(key)};
  const int offset = block_offset(key);
  if (in_order_ && current_id_ && id == *current_id_) return current_.set(offset, hash);
  if (in_order_ && (!current_id_ || id > *current_id_) && (written_.empty() || id > *written_.rbegin())) {
    if (current_id_) write_block(*current_id_, current_);
    current_id_ = id;
    current_ = Block{};
    return current_.set(offset, hash);
  }
  if (in_order_) {
    in_order_ = false;
    if (current_id_) open_.emplace(*current_id_, current_);
    current_id_.reset();
  }
  open_[id].set(offset, hash);
  if (open_.size() >= kOpenBlocks) write_all();
}

void RecordHasher::write_block(const BlockId& id, Block& block) {
  if (written_.count(id)) {
    // The block was written earlier in this entry: the two merge, the later hash of a key winning.
    if (const auto stored = rows_.read(id.first, id.second, seq_)) {
      const Decoded old = decode(*stored);
      for (int off = 0; off < int(kBlockKeys); ++off)
        if (old.ok && has_bit(old.bits, off) && !has_bit(block.bits, off)) block.set(off, old.hashes[size_t(off)]);
    }
  }
  const std::string blob = block.blob();
  rows_.write(id.first, id.second, seq_, blob);
  written_.insert(id);
  if (in_order_) {
    chain_block(chain_, id.first, id.second, blob);
    count_ += block.count();
  }
}

void RecordHasher::write_all() {
  for (auto& [id, block] : open_) write_block(id, block);
  open_.clear();
}

RecordsDigest RecordHasher::pending() {
  if (seq_ == 0) return {};
  if (digest_) return *digest_;
  if (current_id_) {
    write_block(*current_id_, current_);
    current_id_.reset();
  }
  write_all();
  RecordsDigest& out = digest_.emplace();
  if (in_order_) {
    out.count = count_;
    out.digest = to_hex(chain_.data(), chain_.size());
    return out;
  }
  // Out of order: the rows as the table now holds them, in block order.
  std::array<unsigned char, 32> state{};
  for (const BlockId& id : written_) {
    if (const auto blob = rows_.read(id.first, id.second, seq_)) {
      chain_block(state, id.first, id.second, *blob);
      out.count += count_bits(decode(*blob).bits);
    }
  }
  out.digest = to_hex(state.data(), state.size());
  return out;
}

void RecordHasher::before_commit() {
  if (written_.empty()) return reset();
  for (const BlockId& id : written_) rows_.remove(id.first, id.second, seq_);
  reset();
}

void RecordHasher::reset() {
  rows_.reset();
  seq_ = 0;
  in_order_ = true;
  current_id_.reset();
  open_.clear();
  written_.clear();
  chain_.fill(0);
  count_ = 0;
  digest_.reset();
}

// --- The check ------------------------------------------------------------

namespace {

// SQLite's rows for the scan: danso_row_hash computes each record's hash
// from the stored row.
class SqliteScanSource final : public ScanSource {
 public:
  explicit SqliteScanSource(Db& db)
      : db_(db), hashes_(db.handle(), "SELECT kind, block, seq, hashes FROM record_hashes ORDER BY kind, block, seq") {}
  bool next_hashes(HashRow& row) override {
    if (!hashes_.step()) return false;
    row.kind = hashes_.i32(0);
    row.block = hashes_.i64(1);
    row.seq = hashes_.i64(2);
    row.hashes.assign(hashes_.blob(3));
    return true;
  }
  void open_records(const HashedTable& t) override {
    records_.reset();
    records_.emplace(db_.handle(), std::string("SELECT ") + t.key + ", " + t.hash + " FROM " + t.table + " ORDER BY " + t.order);
  }
  bool next_record(int64_t& key, RowHashValue& hash) override {
    if (!records_->step()) return false;
    key = records_->i64(0);
    hash = {};
    const std::string_view h = records_->blob(1);
    std::memcpy(hash.data(), h.data(), std::min(h.size(), kRowHashBytes));
    return true;
  }

 private:
  Db& db_;
  Stmt hashes_;
  std::optional<Stmt> records_;
};

}  // namespace

RecordScan scan_record_hashes(Db& db, size_t keep_findings) {
  SqliteScanSource source(db);
  return scan_record_hashes(source, keep_findings);
}

RecordScan scan_record_hashes(ScanSource& source, size_t keep_findings) {
  RecordScan scan;
  struct EntryState {
    std::array<unsigned char, 32> chain{};
    int64_t count = 0;
  };
  std::map<int64_t, EntryState> entries;
  auto note = [&](RecordFinding::What what, int kind, int64_t key, int64_t seq) {
    if (what == RecordFinding::What::kChanged) ++scan.changed;
    else if (what == RecordFinding::What::kAdded) ++scan.added;
    else if (what == RecordFinding::What::kDeleted) ++scan.deleted;
    else ++scan.unknown;
    if (scan.findings.size() < keep_findings) {
      const char* name = "?";
      for (const auto& t : kTables)
        if (t.kind == kind) name = t.name;
      scan.findings.push_back({what, name, record_key_text(kind, key), seq});
    }
  };

  ScanSource::HashRow h;
  bool h_ok = source.next_hashes(h);
  // The latest hash of each key of one block, and the entry that wrote it.
  struct Latest {
    Bits bits{};
    std::array<RowHashValue, kBlockKeys> hashes{};
    std::array<int64_t, kBlockKeys> seq{};
  } latest;
  // Takes every row of (kind, block): into the entries' digests, and into `latest`.
  auto take_block = [&](int kind, int64_t block) {
    latest.bits = {};
    while (h_ok && h.kind == kind && h.block == block) {
      const int64_t seq = h.seq;
      const std::string_view blob = h.hashes;
      const Decoded d = decode(blob);
      if (seq > 0) {
        EntryState& e = entries[seq];
        chain_block(e.chain, kind, block, blob);
        e.count += count_bits(d.bits);
      }
      if (d.ok)
        for (int off = 0; off < int(kBlockKeys); ++off)
          if (has_bit(d.bits, off)) {
            set_bit(latest.bits, off);
            latest.hashes[size_t(off)] = d.hashes[size_t(off)];
            latest.seq[size_t(off)] = seq;
          }
      h_ok = source.next_hashes(h);
    }
  };
  auto has = [&](int off) { return has_bit(latest.bits, off); };
  auto skip_unknown = [&](int64_t below) {
    while (h_ok && h.kind < below) {
      const int kind = h.kind;
      const int64_t block = h.block;
      take_block(kind, block);
      for (int off = 0; off < int(kBlockKeys); ++off)
        if (has(off))
          note(RecordFinding::What::kUnknownKind, kind, block * int64_t(kBlockKeys) + off, latest.seq[size_t(off)]);
    }
  };

  for (const auto& t : kTables) {
    skip_unknown(t.kind);
    source.open_records(t);
    int64_t r_key = 0;
    RowHashValue r_hash{};
    bool r_ok = source.next_record(r_key, r_hash);
    auto here = [&] { return h_ok && h.kind == t.kind; };
    while (r_ok || here()) {
      const int64_t block = !r_ok ? h.block : !here() ? block_of(r_key) : std::min(h.block, block_of(r_key));
      if (here() && h.block == block) take_block(t.kind, block);
      else latest.bits = {};
      // The block's records, then both sides in key order.
      std::vector<std::pair<int, RowHashValue>> rows;
      while (r_ok && block_of(r_key) == block) {
        rows.emplace_back(block_offset(r_key), r_hash);
        r_ok = source.next_record(r_key, r_hash);
      }
      size_t next = 0;
      for (int off = 0; off < int(kBlockKeys); ++off) {
        const int64_t key = block * int64_t(kBlockKeys) + off;
        bool here_now = false;
        for (; next < rows.size() && rows[next].first == off; ++next) {
          ++scan.records;
          if (!has(off) || here_now) {
            note(RecordFinding::What::kAdded, t.kind, key, 0);
          } else {
            if (latest.seq[size_t(off)] == 0) ++scan.baseline;
            if (rows[next].second != latest.hashes[size_t(off)])
              note(RecordFinding::What::kChanged, t.kind, key, latest.seq[size_t(off)]);
          }
          here_now = true;
        }
        if (has(off) && !here_now && latest.hashes[size_t(off)] != kRemovedRecord)
          note(RecordFinding::What::kDeleted, t.kind, key, latest.seq[size_t(off)]);
      }
    }
  }
  skip_unknown(INT64_MAX);
  scan.entries.reserve(entries.size());
  for (const auto& [seq, e] : entries) scan.entries.push_back({seq, e.count, to_hex(e.chain.data(), e.chain.size())});
  return scan;
}

}  // namespace danso::sqlite
