// The audit log's hash chain. Each entry's hash is SHA-256 over the previous
// entry's hash and the entry's canonical form (its fields in a fixed order as
// a JSON array), so editing, deleting or reordering an entry breaks the chain
// at that entry; the head kept beside the log (the last entry's number and
// hash) catches a log cut short at its end.
//
//   append_audit(store, entry);   // inside the writer's transaction
//   AuditCheck c = verify_audit(store);
//   if (!c.ok) std::cerr << c.en;  // "entry 7: its hash does not match its content (edited)"
#pragma once

#include <string>

#include "store/store.h"

namespace danso::accounts {

inline constexpr const char* kAuditGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

std::string audit_canonical(const AuditRecord& entry);
std::string audit_hash(std::string_view prev_hash, const AuditRecord& entry);

// Numbers `entry` after the last one, chains and stores it. Call inside the
// transaction of the write it records, so both land or neither does.
Status append_audit(Store& store, AuditRecord entry);

struct AuditCheck {
  bool ok = true;
  int64_t entries = 0;     // entries read
  int64_t broken_at = 0;   // the first entry found wrong (0 when ok)
  std::string vi, en;      // what is wrong
};

AuditCheck verify_audit(Store& store);

}  // namespace danso::accounts
