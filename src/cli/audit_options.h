// The options naming the audit log's signing key and anchor file, shared by
// every command that writes (docs/cli.md#audit): --audit-key FILE
// (environment DANSO_AUDIT_KEY) and --audit-anchors FILE
// (DANSO_AUDIT_ANCHORS). With them, a write command checks the log against
// its latest anchor before it writes (a log cut short, rewritten or emptied
// since is refused, exit 1) and anchors the new head after it commits.
//
//   accounts::AnchorConfig anchors;
//   add_anchor_options(cmd, anchors);
//   WriteAnchors w;
//   if (int code = w.open(anchors, store)) return code;
//   ... the write ...
//   return w.after_write(store, ctx.now);
#pragma once

#include <CLI/CLI.hpp>

#include <optional>

#include "app/accounts/audit_anchor.h"

namespace danso::cli {

// `verifying`: --audit-key may name the public key (FILE.pub).
void add_anchor_options(CLI::App* cmd, accounts::AnchorConfig& config, bool verifying = false);

class WriteAnchors {
 public:
  // 0 when the write may go on; otherwise the exit code, the reason printed
  // (2: the options or the key; 1: the log no longer reaches its latest anchor).
  int open(const accounts::AnchorConfig& config, Store& store);
  // Once the write committed: anchors the head, says so on standard error.
  // 0, or 70 when the anchor could not be written.
  int after_write(Store& store, int64_t now);

 private:
  std::optional<accounts::Anchoring> anchoring_;
};

}  // namespace danso::cli
