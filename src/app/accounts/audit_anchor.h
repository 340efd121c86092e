// Anchors of the audit log: its head (the last entry's number and hash)
// signed with a key kept outside the database (Ed25519, libsodium) and
// appended to a file the database's writer cannot rewrite, and to the
// server's log. Whoever can write the database file but holds neither the
// key nor the anchor file can then no longer cut the log short, rewrite it
// (even with the chain recomputed) or empty it unnoticed: the chain no
// longer reaches the latest anchor's entry and hash (audit_chain.h
// verify_audit). docs/cli.md#audit says when anchors are written and what
// they leave undetected.
//
// Key files (`danso audit keygen --output FILE`): FILE holds the secret key
// (mode 600), FILE.pub the public key, one line each:
//   danso-audit-key-v1 secret <128 hex digits: libsodium's 64-byte secret key>
//   danso-audit-key-v1 public <64 hex digits>
// The key id is the first 16 hex digits of SHA-256 of the public key.
//
// The anchor file: one line per anchor, appended, never rewritten:
//   anchor 12 <hash of entry 12> 2026-12-05T10:00:00Z <signature> <key id>
//   restore 30 <hash> <time> <signature> <key id>   (danso restore: the log goes on from entry 30)
// The signature (128 hex digits) is Ed25519 over
// "danso-audit-anchor-v1\n<kind>\n<seq>\n<hash>\n<time>\n<key id>".
//
//   auto a = Anchoring::open({.key_file = "audit.key", .anchor_file = "/var/log/danso/anchors"});
//   if (auto st = (*a)->check_head(store, &mu); !st) ...   // the log no longer reaches the latest anchor
//   (*a)->anchor(store, &mu, now);                          // appends "anchor N HASH ..."
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace danso::accounts {

struct AuditKey {
  std::array<unsigned char, 32> public_key{};
  std::optional<std::array<unsigned char, 64>> secret_key;  // absent when read from a .pub file
  std::string id;
};

AuditKey generate_audit_key();
// Writes `path` (the secret key, mode 600) and `path.pub` (mode 644); an
// existing file is refused, never overwritten.
Status write_audit_key(const AuditKey& key, const std::string& path);
// A secret key file or a public one.
Result<AuditKey> read_audit_key(const std::string& path);

struct Anchor {
  std::string kind = "anchor";  // or "restore"
  int64_t seq = 0;
  std::string hash, time, signature, key_id;
  size_t line = 0;  // its line in the anchor file, from 1
};

// Signs the head `seq`/`hash` at `now` (Unix seconds); the key must hold its secret.
Anchor sign_anchor(const AuditKey& key, std::string kind, int64_t seq, std::string hash, int64_t now);
bool signature_holds(const Anchor& anchor, const AuditKey& key);
std::string anchor_line(const Anchor& anchor);

struct AnchorFile {
  std::vector<Anchor> anchors;
  std::vector<size_t> malformed;  // lines that are not anchors
};
// Every line of the file; a missing file has none.
Result<AnchorFile> read_anchor_file(const std::string& path);
// Appends one line (O_APPEND, one write, synced to disk); creates the file
// (mode 640) when missing. Never truncates or rewrites.
Status append_anchor(const std::string& path, const Anchor& anchor);

// The anchors of the log as it is now: those from the last restore line on.
std::vector<Anchor> current_anchors(const std::vector<Anchor>& all);
// The latest of them: the highest entry (the last line of that entry).
std::optional<Anchor> latest_anchor(const std::vector<Anchor>& current);

// Where anchors go: the key file and the anchor file, from the options
// --audit-key and --audit-anchors (DANSO_AUDIT_KEY, DANSO_AUDIT_ANCHORS).
struct AnchorConfig {
  std::string key_file, anchor_file;
  bool configured() const { return !key_file.empty() || !anchor_file.empty(); }
};

// Anchoring one database's log: its key (with the secret) and anchor file.
class Anchoring {
 public:
  // nullopt when neither file is configured; an error when only one is, or
  // the key cannot be read or lacks its secret.
  static Result<std::optional<Anchoring>> open(const AnchorConfig& config);

  // Checks that the log still reaches the latest anchor: the entry it
  // names is there with the hash it signed (a log cut short, emptied or
  // rewritten since is refused, kFailedPrecondition). Reads only that entry
  // and the end of the anchor file. `mu`, when given, is held for the reads.
  Status check_head(Store& store, std::mutex* mu = nullptr);
  // Signs the head and appends it (kind "anchor"), unless the latest anchor
  // holds it already; refused when the log no longer reaches the anchor
  // before it (check_head), so a rewritten log is never anchored. The line
  // written, if any. "restore": after a restore, the log starts again.
  Result<std::optional<std::string>> anchor(Store& store, int64_t now, std::mutex* mu = nullptr,
                                            const std::string& kind = "anchor");
  // Signs `head` and appends it, as given (a restore, which has just put
  // the log in place and knows its head).
  Result<std::string> anchor_head(const AuditHead& head, int64_t now, const std::string& kind);

  const AuditKey& key() const { return key_; }
  const std::string& file() const { return file_; }

 private:
  Anchoring(AuditKey key, std::string file) : key_(std::move(key)), file_(std::move(file)) {}
  // The latest anchor: the one this process wrote last, or (`fresh`, or
  // none written yet) the file's.
  Result<std::optional<Anchor>> latest(bool fresh = false);

  AuditKey key_;
  std::string file_;
  std::optional<Anchor> written_;  // the last anchor this process wrote
};

}  // namespace danso::accounts
