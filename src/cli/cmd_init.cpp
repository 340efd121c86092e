// danso init --db FILE: creates an empty database with the current schema,
// or brings an existing one up to date.
#include <iostream>

#include "cli/command.h"
#include "app/database.h"

namespace {

DANSO_COMMAND(init, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("init", "Tạo hoặc nâng cấp cơ sở dữ liệu / create or migrate a database");
  auto db = std::make_shared<std::string>();
  cmd->add_option("--db", *db, "database file, or postgresql://USER@HOST:PORT/DBNAME / tệp cơ sở dữ liệu")->required();
  cmd->callback([&ctx, db] {
    auto store = danso::open_database(*db, {.create = true});
    if (!store) {
      ctx.exit_code = danso::cli::report_error(store.error());
      return;
    }
    std::cout << "Cơ sở dữ liệu / database: " << danso::shown_location(*db) << "\n";
    for (const auto& [v, name] : (*store)->store().migrations_applied())
      std::cout << "  migration " << v << ": " << name << "\n";
    std::cout << "Phiên bản lược đồ / schema version: " << (*store)->store().schema_version() << "\n";
  });
});

}  // namespace
