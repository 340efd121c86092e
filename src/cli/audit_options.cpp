#include "cli/audit_options.h"

#include <iostream>

#include "cli/command.h"

namespace danso::cli {

void add_anchor_options(CLI::App* cmd, accounts::AnchorConfig& config, bool verifying) {
  cmd->add_option("--audit-key", config.key_file,
                  verifying ? "the audit log's key file, or its .pub (env DANSO_AUDIT_KEY)"
                            : "the audit log's signing key file, from danso audit keygen (env DANSO_AUDIT_KEY)")
      ->envname("DANSO_AUDIT_KEY");
  cmd->add_option("--audit-anchors", config.anchor_file,
                  "the append-only file of the audit log's signed anchors (env DANSO_AUDIT_ANCHORS)")
      ->envname("DANSO_AUDIT_ANCHORS");
}

int WriteAnchors::open(const accounts::AnchorConfig& config, Store& store) {
  auto a = accounts::Anchoring::open(config);
  if (!a) return report_error(a.error());
  anchoring_ = std::move(*a);
  if (!anchoring_) return 0;
  if (auto st = anchoring_->check_head(store); !st) {
    if (st.error().code != ErrorCode::kFailedPrecondition) return report_error(st.error());
    std::cerr << "Nhật ký bị can thiệp, không ghi gì / the audit log was tampered with, nothing written\n"
              << "Lỗi: " << st.error().vi << "\nError: " << st.error().en << "\n";
    return 1;
  }
  return 0;
}

int WriteAnchors::after_write(Store& store, int64_t now) {
  if (!anchoring_) return 0;
  auto line = anchoring_->anchor(store, now);
  if (!line) return report_error(line.error());
  if (*line)
    std::cerr << "Đã neo nhật ký / audit log anchored (" << anchoring_->file() << "): " << **line << "\n";
  return 0;
}

}  // namespace danso::cli
