// danso audit verify --db FILE: checks the audit log's hash chain. Exit 0 and
// "ok" when every entry is intact; 1 naming the first broken entry when one
// was edited, deleted, moved or the log was cut short.
#include <iostream>

#include "app/accounts/audit_chain.h"
#include "cli/command.h"
#include "store/sqlite/sqlite_store.h"

namespace {

int run_verify(const std::string& db) {
  using namespace danso;
  auto store = open_sqlite_store(db);
  if (!store) return cli::report_error(store.error());
  const auto check = accounts::verify_audit(**store);
  if (!check.ok) {
    std::cerr << "Nhật ký bị can thiệp / the audit log was tampered with\n"
              << "Lỗi: " << check.vi << "\nError: " << check.en << "\n";
    std::cout << "broken " << check.broken_at << "\n";
    return 1;
  }
  std::cout << "ok\n" << check.entries << " mục / entries\n";
  return 0;
}

DANSO_COMMAND(audit, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("audit", "Nhật ký thay đổi / the audit log");
  cmd->require_subcommand(1);
  auto db = std::make_shared<std::string>();
  auto* verify = cmd->add_subcommand("verify", "Kiểm tra chuỗi băm / check the hash chain");
  verify->add_option("--db", *db, "database file")->required();
  verify->callback([&ctx, db] { ctx.exit_code = run_verify(*db); });
});

}  // namespace
