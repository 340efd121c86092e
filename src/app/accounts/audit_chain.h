// The audit log's hash chain. Each entry's hash is SHA-256 over the previous
// entry's hash and the entry's canonical form (its fields in a fixed order as
// a JSON array; an entry that stored register rows adds their count and the
// digest of their hashes, store.h RecordsDigest), so editing, deleting or
// reordering an entry breaks the chain at that entry; the head kept beside
// the log (the last entry's number and hash) catches a log cut short at its
// end by someone who left the head alone. Someone who can write the
// database file can still cut the log and move its head, or recompute the
// whole chain after an edit: the signed anchors kept outside the database
// (audit_anchor.h) catch that, when verify_audit is given them.
//
//   append_audit(store, entry);   // inside the writer's transaction
//   AuditCheck c = verify_audit(store, AnchorCheck{&file, &key});
//   if (!c.ok) std::cerr << c.en;  // "entry 7: its hash does not match its content (edited)"
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/accounts/audit_anchor.h"
#include "store/store.h"

namespace danso::accounts {

inline constexpr const char* kAuditGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

std::string audit_canonical(const AuditRecord& entry);
std::string audit_hash(std::string_view prev_hash, const AuditRecord& entry);

// Numbers `entry` after the last one, binds the register rows the
// transaction wrote since its last entry (Store::pending_records), chains
// and stores it. Call inside the transaction of the write it records, so
// both land or neither does.
Status append_audit(Store& store, AuditRecord entry);

// One thing found wrong: the entry it concerns (0 when it is no one entry:
// a dropped table or trigger, an anchor line), in both languages.
struct AuditProblem {
  int64_t entry = 0;
  std::string vi, en;
};

struct AuditCheck {
  bool ok = true;
  int64_t entries = 0;     // entries read
  int64_t broken_at = 0;   // the entry of the first problem (0 when ok, or when it is no one entry)
  std::string vi, en;      // the first problem
  std::vector<AuditProblem> problems;
  // Against the anchors, when given:
  bool anchored = false;
  int64_t anchor_lines = 0;       // lines of the anchor file
  std::optional<Anchor> anchor;   // the latest anchor the log reaches
  int64_t after_anchor = 0;       // entries written after it, not yet anchored
};

// The anchors to check a log against, signed by `key` (its public part is
// enough). `copy`: the log is a copy of some earlier moment (a backup), so
// anchors of entries after its last one are later, not missing entries.
struct AnchorCheck {
  const AnchorFile* file = nullptr;
  const AuditKey* key = nullptr;
  bool copy = false;
};

AuditCheck verify_audit(Store& store, const std::optional<AnchorCheck>& anchors = std::nullopt);

// The register against its record hashes (Store::scan_records), and every
// entry's digest of them recomputed: a record changed, added or deleted
// outside DanSo, and a record changed together with its stored hash (its
// entry's digest no longer holds), are found.
struct RecordsCheck {
  bool ok = true;
  bool checked = true;  // false when a table it needs was dropped
  RecordScan scan;
  std::vector<AuditProblem> problems;  // entries whose record hashes do not add up
};
RecordsCheck verify_records(Store& store, size_t keep_findings);

}  // namespace danso::accounts
