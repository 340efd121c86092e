// danso export --db FILE --kind KIND [--output FILE]
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/export/export.h"
#include "cli/command.h"
#include "app/database.h"

namespace {

int run_export(const std::string& location, const std::string& kind_text, const std::string& output) {
  using namespace danso;
  auto kind = parse_import_kind(kind_text);
  if (!kind) return cli::report_error(kind.error());
  auto db = open_database(location);
  if (!db) return cli::report_error(db.error());
  if (output.empty()) {
    std::ios::sync_with_stdio(false);
    auto st = export_kind((*db)->store(), *kind, std::cout);
    return st ? 0 : cli::report_error(st.error());
  }
  // Written beside the target and renamed, so a failed export leaves no half file.
  const std::string tmp = output + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return cli::report_error(Error::invalid("output", "không ghi được tệp " + output, "cannot write " + output));
    if (auto st = export_kind((*db)->store(), *kind, out); !st) {
      out.close();
      std::filesystem::remove(tmp);
      return cli::report_error(st.error());
    }
  }
  std::filesystem::rename(tmp, output);
  return 0;
}

DANSO_COMMAND(export, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("export", "Xuất dữ liệu / export in the import formats");
  auto db = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  cmd->add_option("--db", *db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--kind", *kind, "units | households | persons | events | staff")->required();
  cmd->add_option("--output,-o", *output, "output file (default: standard output)");
  cmd->callback([&ctx, db, kind, output] { ctx.exit_code = run_export(*db, *kind, *output); });
});

}  // namespace
