// danso backup --db FILE --output COPY: a consistent copy of a database
//   that may be serving and writing, verified (app/backup/backup.h). Exit 0
//   verified; 1 copied but not verified (left as COPY.unverified); 2 COPY
//   exists or bad options.
// danso restore --backup COPY --db FILE: puts a verified copy in FILE's
//   place. Exit 0 restored; 1 the copy failed verification; 3 a program has
//   FILE open (nothing changed either way).
#include <iostream>

#include "app/backup/backup.h"
#include "cli/audit_options.h"
#include "cli/command.h"

namespace {

using namespace danso;

struct BackupArgs {
  std::string db, output, backup;
  accounts::AnchorConfig anchors;
  bool skip_records = false;
};

void print_problems(const std::vector<accounts::AuditProblem>& problems) {
  for (const auto& p : problems) std::cerr << "Lỗi: " << p.vi << "\nError: " << p.en << "\n";
}

// What was checked, on standard output; the problems on standard error.
void print_check(const CopyCheck& c) {
  if (!c.error_en.empty()) {
    std::cerr << "Lỗi: " << c.error_vi << "\nError: " << c.error_en << "\n";
    return;
  }
  std::cout << "  integrity_check: " << c.integrity << "\n";
  if (c.integrity != "ok") return;
  std::cout << "  nhật ký / audit log: " << (c.audit.ok ? "ok" : "broken") << ", " << c.audit.entries
            << " mục / entries";
  if (c.audit.anchor)
    std::cout << ", neo / anchored: entry " << c.audit.anchor->seq << " (line " << c.audit.anchor->line << ")";
  else if (!c.audit.anchored)
    std::cout << ", không kiểm tra neo / anchors not checked";
  std::cout << "\n";
  print_problems(c.audit.problems);
  if (c.records) {
    const RecordScan& s = c.records->scan;
    std::cout << "  bản ghi / records: " << s.records << " read, " << s.changed << " changed, " << s.added
              << " added, " << s.deleted << " deleted" << (c.records->ok ? "" : " (NOT OK)") << "\n";
    for (const auto& f : s.findings)
      std::cerr << f.kind << " " << f.record << ": "
                << (f.what == RecordFinding::What::kChanged   ? "changed"
                    : f.what == RecordFinding::What::kAdded   ? "added"
                    : f.what == RecordFinding::What::kDeleted ? "deleted"
                                                              : "unknown kind")
                << " outside DanSo\n";
    print_problems(c.records->problems);
  }
  std::cout << "  số dòng / rows:";
  for (const auto& n : c.counts) {
    std::cout << " " << n.table << " " << n.rows;
    if (n.expected >= 0 && n.expected != n.rows) std::cout << " (!= " << n.expected << ")";
  }
  std::cout << "\n";
  if (!c.counts_ok())
    std::cerr << "Lỗi: số dòng của bản sao khác số dòng của cơ sở dữ liệu lúc sao\n"
                 "Error: the copy's rows differ from the database's at the moment of the copy\n";
}

int run_backup(const BackupArgs& a) {
  auto anchors = read_copy_anchors(a.anchors);
  if (!anchors) return cli::report_error(anchors.error());
  auto r = backup_database({a.db, a.output, std::move(*anchors), !a.skip_records});
  if (!r) return cli::report_error(r.error());
  std::cout << "Bản sao / backup: " << r->output << " (" << r->bytes << " bytes; sao / copied in " << r->copy_seconds
            << " s, kiểm tra / checked in " << r->check_seconds << " s)\n";
  print_check(r->check);
  if (!r->check.ok()) {
    std::cout << "CHƯA KIỂM ĐỊNH / NOT VERIFIED\n";
    return 1;
  }
  std::cout << "Đã kiểm định / verified\n";
  return 0;
}

int run_restore(const BackupArgs& a, int64_t now) {
  RestoreOptions o;
  o.backup = a.backup;
  o.db = a.db;
  o.anchors = a.anchors;
  o.check_records = !a.skip_records;
  o.now = now;
  auto r = restore_database(o);
  if (!r) {
    if (r.error().code == ErrorCode::kFailedPrecondition) {
      std::cerr << "Không khôi phục / not restored\nLỗi: " << r.error().vi << "\nError: " << r.error().en << "\n";
      return 3;
    }
    return cli::report_error(r.error());
  }
  std::cout << "Bản sao / backup: " << a.backup << "\n";
  print_check(r->check);
  if (!r->restored) {
    std::cout << "KHÔNG KHÔI PHỤC: bản sao không qua kiểm định / NOT RESTORED: the copy failed verification\n";
    return 1;
  }
  std::cout << "Đã khôi phục / restored: " << a.db << " (" << r->entries << " mục nhật ký / audit entries)\n";
  if (r->anchor_line) std::cout << "neo / anchor: " << *r->anchor_line << "\n";
  if (!r->anchor_error_en.empty()) {
    std::cerr << "Lỗi: " << r->anchor_error_vi << "\nError: " << r->anchor_error_en << "\n";
    return 70;
  }
  return 0;
}

DANSO_COMMAND(backup, [](CLI::App& root, danso::cli::Context& ctx) {
  auto a = std::make_shared<BackupArgs>();
  auto* backup = root.add_subcommand("backup", "Sao lưu khi máy chủ đang chạy / a verified copy of a live database");
  backup->add_option("--db", a->db, "database file")->required();
  backup->add_option("--output", a->output, "the new copy (an existing file is refused)")->required();
  backup->add_flag("--no-register-check", a->skip_records, "skip checking every record against its hash");
  cli::add_anchor_options(backup, a->anchors, true);
  backup->callback([&ctx, a] { ctx.exit_code = run_backup(*a); });

  auto* restore = root.add_subcommand("restore", "Khôi phục từ bản sao / put a verified copy back");
  restore->add_option("--backup", a->backup, "the copy made by danso backup")->required();
  restore->add_option("--db", a->db, "the database file to replace (no program may have it open)")->required();
  restore->add_flag("--no-register-check", a->skip_records, "skip checking every record against its hash");
  cli::add_anchor_options(restore, a->anchors);
  restore->callback([&ctx, a] { ctx.exit_code = run_restore(*a, ctx.now); });
});

}  // namespace
