// danso audit verify --db FILE [--register] [--audit-key K --audit-anchors A]:
//   checks the audit log's hash chain, against its signed anchors when
//   given, and with --register every register record against the hash its
//   last audited write stored. Exit 0 "ok"; 1 "broken N" (the log) or
//   "changed K" (records), the reasons on standard error.
// danso audit keygen --output FILE: a new signing key (FILE, mode 600) and
//   its public part (FILE.pub).
// danso audit anchor --db FILE --audit-key K --audit-anchors A: checks the
//   chain, then signs and appends its head.
#include <iostream>

#include "app/accounts/audit_chain.h"
#include "cli/audit_options.h"
#include "cli/command.h"
#include "app/database.h"

namespace {

using namespace danso;

struct AuditArgs {
  std::string db, output;
  accounts::AnchorConfig anchors;
  bool records = false;
  size_t show = 50;
};

void print_problems(const std::vector<accounts::AuditProblem>& problems, size_t show) {
  size_t shown = 0;
  for (const auto& p : problems) {
    if (shown++ == show) {
      std::cerr << "... (" << problems.size() - show << " lỗi khác / more)\n";
      break;
    }
    std::cerr << "Lỗi: " << p.vi << "\nError: " << p.en << "\n";
  }
}

const char* finding_vi(RecordFinding::What w) {
  switch (w) {
    case RecordFinding::What::kChanged: return "đã bị sửa ngoài DanSo";
    case RecordFinding::What::kAdded: return "được thêm ngoài DanSo (không lần ghi nào có ghi nhật ký)";
    case RecordFinding::What::kDeleted: return "đã bị xoá ngoài DanSo";
    case RecordFinding::What::kUnknownKind: return "mã băm của một loại bản ghi không có";
  }
  return "";
}

const char* finding_en(RecordFinding::What w) {
  switch (w) {
    case RecordFinding::What::kChanged: return "changed outside DanSo";
    case RecordFinding::What::kAdded: return "added outside DanSo (no audited write stored it)";
    case RecordFinding::What::kDeleted: return "deleted outside DanSo";
    case RecordFinding::What::kUnknownKind: return "a hash of no kind of record";
  }
  return "";
}

int run_verify(const AuditArgs& a) {
  std::optional<accounts::AuditKey> key;
  accounts::AnchorFile anchor_file;
  if (a.anchors.configured()) {
    if (a.anchors.key_file.empty() || a.anchors.anchor_file.empty())
      return cli::report_error(Error::invalid("audit-anchors", "--audit-key và --audit-anchors phải đi cùng nhau",
                                              "--audit-key and --audit-anchors go together"));
    auto k = accounts::read_audit_key(a.anchors.key_file);
    if (!k) return cli::report_error(k.error());
    key = std::move(*k);
    auto f = accounts::read_anchor_file(a.anchors.anchor_file);
    if (!f) return cli::report_error(f.error());
    anchor_file = std::move(*f);
  }
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  const auto check = key ? accounts::verify_audit((*db)->store(), accounts::AnchorCheck{&anchor_file, &*key, false})
                         : accounts::verify_audit((*db)->store());
  std::optional<accounts::RecordsCheck> records;
  if (a.records) records = accounts::verify_records((*db)->store(), a.show);

  const int64_t changed = records ? records->scan.changed + records->scan.added + records->scan.deleted +
                                        records->scan.unknown + int64_t(records->problems.size())
                                  : 0;
  if (!check.ok) {
    std::cout << "broken";
    if (check.broken_at > 0) std::cout << " " << check.broken_at;
    std::cout << "\n";
    std::cerr << "Nhật ký bị can thiệp / the audit log was tampered with\n";
    print_problems(check.problems, a.show);
  } else {
    std::cout << (changed ? "changed " + std::to_string(changed) : std::string("ok")) << "\n"
              << check.entries << " mục / entries\n";
    if (check.anchor)
      std::cout << "neo / anchored: entry " << check.anchor->seq << " (line " << check.anchor->line << ", "
                << check.anchor->time << "); " << check.after_anchor << " mục sau neo / entries after it\n";
  }
  if (!key)
    std::cerr << "Cảnh báo: nhật ký không được kiểm tra với neo (--audit-key, --audit-anchors): nhật ký bị cắt cùng "
                 "đầu của nó, bị viết lại với chuỗi băm tính lại, hay bị xoá sạch sẽ không bị phát hiện\n"
                 "Warning: the log was not checked against its anchors (--audit-key, --audit-anchors): a log cut "
                 "short with its head moved, rewritten with its chain recomputed, or emptied goes undetected\n";
  else if (check.ok && check.after_anchor > 0)
    std::cerr << check.after_anchor << " mục sau neo mới nhất chưa được neo / entries after the latest anchor are "
              << "not anchored yet\n";
  if (records) {
    const RecordScan& s = records->scan;
    if (records->checked)
      std::cout << "bản ghi / records: " << s.records << " read, " << s.changed << " changed, " << s.added
              << " added, " << s.deleted << " deleted\n";
    if (!records->ok) std::cerr << "Bản ghi bị thay đổi ngoài DanSo / records changed outside DanSo\n";
    for (const auto& f : s.findings) {
      std::cerr << f.kind << " " << f.record << ": " << finding_vi(f.what) << " / " << finding_en(f.what);
      if (f.seq > 0) std::cerr << " (mục ghi cuối / last audited write: entry " << f.seq << ")";
      std::cerr << "\n";
    }
    const int64_t listed = s.changed + s.added + s.deleted + s.unknown;
    if (listed > int64_t(s.findings.size()))
      std::cerr << "... (" << listed - int64_t(s.findings.size()) << " bản ghi khác / more records)\n";
    print_problems(records->problems, a.show);
    if (s.baseline > 0)
      std::cerr << s.baseline << " bản ghi có mã băm từ khi nâng cấp cơ sở dữ liệu (mục 0), không mục nhật ký nào "
                   "bảo đảm: sửa một bản ghi cùng mã băm của nó không bị phát hiện / records were last hashed when "
                   "the database was upgraded (entry 0), vouched for by no audit entry: one changed together with "
                   "its hash goes undetected\n";
  }
  return !check.ok || changed ? 1 : 0;
}

int run_keygen(const AuditArgs& a) {
  const auto key = accounts::generate_audit_key();
  if (auto st = accounts::write_audit_key(key, a.output); !st) return cli::report_error(st.error());
  std::cout << "Khoá nhật ký / audit key " << key.id << ": " << a.output << " (bí mật / secret, mode 600), "
            << a.output << ".pub (công khai / public)\n";
  return 0;
}

int run_anchor(const AuditArgs& a, int64_t now) {
  if (a.anchors.key_file.empty() || a.anchors.anchor_file.empty())
    return cli::report_error(Error::invalid("audit-anchors", "cần --audit-key và --audit-anchors",
                                            "--audit-key and --audit-anchors are needed"));
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  // Never anchor a broken log: the chain first, then the latest anchor.
  const auto check = accounts::verify_audit((*db)->store());
  if (!check.ok) {
    std::cout << "broken";
    if (check.broken_at > 0) std::cout << " " << check.broken_at;
    std::cout << "\n";
    std::cerr << "Nhật ký bị can thiệp, không neo / the audit log was tampered with, not anchored\n";
    print_problems(check.problems, a.show);
    return 1;
  }
  cli::WriteAnchors w;
  if (int code = w.open(a.anchors, (*db)->store())) return code;
  return w.after_write((*db)->store(), now);
}

DANSO_COMMAND(audit, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("audit", "Nhật ký thay đổi / the audit log");
  cmd->require_subcommand(1);
  auto a = std::make_shared<AuditArgs>();
  auto* verify = cmd->add_subcommand("verify", "Kiểm tra chuỗi băm / check the hash chain (and the register)");
  verify->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  verify->add_flag("--register", a->records, "check every register record against its last audited hash");
  verify->add_option("--show", a->show, "how many problems and records to print (default 50)");
  cli::add_anchor_options(verify, a->anchors, true);
  verify->callback([&ctx, a] { ctx.exit_code = run_verify(*a); });

  auto* keygen = cmd->add_subcommand("keygen", "Tạo khoá ký neo / make a key to sign anchors with");
  keygen->add_option("--output", a->output, "the secret key's file (mode 600); the public key goes to FILE.pub")
      ->required();
  keygen->callback([&ctx, a] { ctx.exit_code = run_keygen(*a); });

  auto* anchor = cmd->add_subcommand("anchor", "Ký và ghi đầu nhật ký / sign and append the log's head");
  anchor->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cli::add_anchor_options(anchor, a->anchors);
  anchor->callback([&ctx, a] { ctx.exit_code = run_anchor(*a, ctx.now); });
});

}  // namespace
