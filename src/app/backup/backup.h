// Backups of the embedded database while it serves, and putting one back
// (docs/operations.md). The copy and the file work are the SQLite
// adapter's (store/sqlite/database_file.h); this is the use case around
// them: what is checked, in what order, and what the operator is told.
//
// A copy is verified before it is called a backup, and again before it is
// restored: SQLite's integrity check; the audit log's hash chain and its
// signed anchors (as a copy of an earlier moment: anchors of later entries
// are not missing ones); every register record against the hash its last
// audited write stored (unless `check_records` is off); and, for a new
// backup, the copy's rows against the rows counted in the database in the
// same read transaction the copy was made in.
//
//   auto r = backup_database({.db = "danso.db", .output = "danso-2026-12-05.db", .anchors = ...});
//   if (r && r->check.ok()) ...                     // NAME is a verified backup
//   auto s = restore_database({.backup = "danso-2026-12-05.db", .db = "danso.db", ...});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/accounts/audit_anchor.h"
#include "app/accounts/audit_chain.h"
#include "core/result.h"

namespace danso {

struct CopyCheck {
  std::string integrity;  // "ok", or what SQLite's integrity check found
  struct Count {
    std::string table;
    int64_t rows = 0;
    int64_t expected = -1;  // counted in the database at the copy's moment; -1 when not known (a restore)
  };
  std::vector<Count> counts;
  accounts::AuditCheck audit;
  std::optional<accounts::RecordsCheck> records;  // unless check_records is off
  std::string error_vi, error_en;                 // why the copy could not be opened, if so
  bool counts_ok() const;
  bool ok() const;
};

// The key and anchor file verification checks a copy's log against (the
// public key is enough); none when the deployment keeps no anchors.
struct CopyAnchors {
  accounts::AuditKey key;
  accounts::AnchorFile file;
};
// Reads them from the configured files; nullopt when not configured.
Result<std::optional<CopyAnchors>> read_copy_anchors(const accounts::AnchorConfig& config);

struct BackupOptions {
  std::string db, output;
  std::optional<CopyAnchors> anchors;
  bool check_records = true;
};
struct BackupReport {
  std::string output;        // the backup, or NAME.unverified when it failed verification
  int64_t bytes = 0;
  double copy_seconds = 0, check_seconds = 0;
  CopyCheck check;
};
// Refuses an output that exists. An error when no copy could be made.
Result<BackupReport> backup_database(const BackupOptions& options);

struct RestoreOptions {
  std::string backup, db;
  accounts::AnchorConfig anchors;  // with the secret key: the restored head is anchored
  bool check_records = true;
  int64_t now = 0;                 // Unix seconds, for the audit entry and the anchor
};
struct RestoreReport {
  CopyCheck check;
  bool restored = false;            // false: the copy failed verification, nothing was changed
  int64_t entries = 0;              // the restored log's entries, its own entry included
  std::optional<std::string> anchor_line;
  std::string anchor_error_vi, anchor_error_en;  // restored, but the anchor could not be written
};
// Refused (kFailedPrecondition) while a program has the database open.
Result<RestoreReport> restore_database(const RestoreOptions& options);

}  // namespace danso
