// AuditStore: the append-only, hash-chained audit log (its entries, its
// head, reads oldest or newest first and by record) and the record hashes
// that bind every register row a write stores to the entry that audits it
// (store/sqlite/record_hashes.h; the chain and its check are
// app/accounts/audit_chain.h). One area of the Store (store.h); SQL only in
// the adapters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"

namespace danso {

// One entry of the append-only, hash-chained audit log.
struct AuditRecord {
  int64_t seq = 0;          // 1, 2, 3, ... in order of writing
  std::string at;           // ISO 8601 instant
  UserId actor;             // invalid (0) for the command line
  std::string actor_name;
  std::string action;       // create, update, sign_in, sign_out, ...
  std::string kind;         // the record's kind: user, household, ...
  std::string record;       // the record's id, as text
  UnitId unit;              // the unit the record belongs to, for scoping
  std::string before;       // JSON text, empty when the record is new
  std::string after;        // JSON text, empty when the record is gone
  int64_t records = 0;      // register rows the write stored (their hashes are kept under `seq`)
  std::string records_digest;  // hex; the digest of those rows' hashes, empty when none
  std::string prev_hash;    // hex; the previous entry's hash
  std::string hash;         // hex; see app/accounts/audit_chain.h
};

// The last entry's number and hash, kept beside the log so that a log cut
// short at its end is detected too.
struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};

// Record hashes (store/sqlite/record_hashes.h): every register row a write
// stores (units and their links, staff assignments, households, persons,
// events, users) is hashed as stored and kept under the number of the audit
// entry the transaction appends next, which holds their count and digest.
struct RecordsDigest {
  int64_t count = 0;
  std::string digest;  // hex; empty when count is 0
};

// A record whose row is not the one its last audited write stored.
struct RecordFinding {
  enum class What { kChanged, kAdded, kDeleted, kUnknownKind };
  What what = What::kChanged;
  std::string kind;    // unit, unit_link, staff, household, person, event, user
  std::string record;  // its key as text
  int64_t seq = 0;     // the audit entry that last wrote it (0: none, or the baseline)
};

// The register compared with its record hashes, and each entry's digest
// recomputed from the hashes kept under it.
struct RecordScan {
  int64_t records = 0;   // register records read
  int64_t changed = 0, added = 0, deleted = 0, unknown = 0;
  int64_t baseline = 0;  // records whose last hash is the baseline (entry 0)
  std::vector<RecordFinding> findings;  // the first of them
  struct Entry {
    int64_t seq = 0;
    int64_t count = 0;
    std::string digest;
  };
  std::vector<Entry> entries;  // by seq, entry 0 left out
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // The audit log: appended to (inside the writer's transaction), never
  // changed. The adapter refuses updates and deletes of its entries.
  virtual Status append_audit(const AuditRecord& entry) = 0;
  virtual std::optional<AuditHead> audit_head() = 0;
  virtual void for_each_audit(const std::function<void(const AuditRecord&)>& fn) = 0;  // oldest first
  // Newest first, entries numbered below `before_seq` (all when 0), until `fn` returns false.
  virtual void for_each_audit_newest(int64_t before_seq, const std::function<bool(const AuditRecord&)>& fn) = 0;
  // The entries about one record (kind "event", record "42"), oldest first:
  // a slip's versions.
  virtual std::vector<AuditRecord> audit_of_record(std::string_view kind, std::string_view record) = 0;
  // The hash of entry `seq`, if there is one.
  virtual std::optional<std::string> audit_hash_of(int64_t seq) = 0;
  // The tables and triggers of the audit log that are missing (dropped).
  virtual std::vector<std::string> missing_audit_schema() = 0;
  // The register rows written in this transaction since its last audit
  // entry: the next entry appended holds them (append_audit refuses one that
  // does not). A transaction committed without such an entry keeps no hash
  // of what it wrote.
  virtual RecordsDigest pending_records() = 0;
  // Reads the whole register beside its record hashes (in key order, in one
  // read transaction); keeps the first `keep_findings` findings.
  virtual RecordScan scan_records(size_t keep_findings) = 0;
};

}  // namespace danso
