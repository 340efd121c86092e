// danso import --db FILE --kind KIND FILE: checks and loads a register file
// (or a GeoJSON file of unit boundaries),
// one audit entry per file in the same transaction; with --audit-key and
// --audit-anchors the log is checked against its latest anchor first and
// anchored after.
#include <iostream>

#include "app/import/import.h"
#include "cli/audit_options.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "app/database.h"

namespace {

struct ImportArgs {
  std::string db, kind, file, rejects, valid_from, code_property = "code";
  bool skip_bad_rows = false, quiet = false;
  size_t show = 50;
  danso::accounts::AnchorConfig anchors;
};

int run_import(const ImportArgs& a, danso::Date today, int64_t now) {
  using namespace danso;
  auto kind = parse_import_kind(a.kind);
  if (!kind) return cli::report_error(kind.error());
  ImportOptions o;
  o.file = a.file;
  o.kind = *kind;
  o.today = today;
  o.now = now;
  o.skip_bad_rows = a.skip_bad_rows;
  o.rejects_file = a.rejects;
  o.code_property = a.code_property;
  if (!a.valid_from.empty()) {
    auto d = Date::parse(a.valid_from, "valid-from");
    if (!d) return cli::report_error(d.error());
    o.valid_from = *d;
  }
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  cli::WriteAnchors anchors;
  if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  cli::ProgressPrinter progress(a.quiet);
  o.progress = [&](std::string_view stage, size_t done, size_t total) {
    progress.update(stage, total ? double(done) / double(total) : 0.0);
  };
  auto report = import_file((*db)->store(), o);
  progress.finish();
  if (!report) return cli::report_error(report.error());
  size_t shown = 0;
  for (const auto& issue : report->issues) {
    if (shown++ == a.show) {
      std::cerr << "... (" << report->issues.size() - a.show << " lỗi khác / more issues)\n";
      break;
    }
    std::cerr << format_issue(issue) << "\n";
  }
  for (const auto& note : report->notes) std::cout << note << "\n";
  if (!report->committed) {
    std::cerr << "Không ghi gì: " << report->rejected << " dòng lỗi trên " << report->rows
              << " dòng. Sửa tệp rồi nhập lại, hoặc dùng --skip-bad-rows.\n"
              << "Nothing written: " << report->rejected << " bad rows of " << report->rows
              << ". Fix the file and import again, or use --skip-bad-rows.\n";
    return 1;
  }
  std::cout << "Đã nhập / imported " << a.kind << ": " << report->written << " dòng / rows";
  if (report->rejected) std::cout << ", bỏ qua / skipped " << report->rejected << " (" << report->rejects_file << ")";
  std::cout << "\n";
  return anchors.after_write((*db)->store(), now);
}

DANSO_COMMAND(import, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("import", "Nhập dữ liệu từ tệp / import a register file (docs/data-formats.md)");
  auto a = std::make_shared<ImportArgs>();
  cmd->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--kind", a->kind, "units | unit-mapping | households | persons | events | staff | boundaries")->required();
  cmd->add_option("file", a->file, "CSV file (units: CSV or the national JSON list; boundaries: GeoJSON)")->required();
  cmd->add_option("--valid-from", a->valid_from, "YYYY-MM-DD: day a JSON unit list or mapping takes effect; boundaries: day the codes are read on (default today)");
  cmd->add_option("--code-property", a->code_property, "boundaries: feature property naming the unit's code (default code)");
  cmd->add_flag("--skip-bad-rows", a->skip_bad_rows, "write the good rows, put rejected rows in a rejects file");
  cmd->add_option("--rejects", a->rejects, "rejects file (default FILE.rejects.csv)");
  cmd->add_option("--show", a->show, "how many issues to print (default 50)");
  cmd->add_flag("--quiet", a->quiet, "no progress output");
  danso::cli::add_anchor_options(cmd, a->anchors);
  cmd->callback([&ctx, a] { ctx.exit_code = run_import(*a, ctx.today, ctx.now); });
});

}  // namespace
