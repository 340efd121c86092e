// danso stats --db FILE [--unit CODE] [--at DATE] [--format table|json]
#include <iostream>

#include "app/register_stats.h"
#include "cli/command.h"
#include "app/database.h"

namespace {

struct StatsArgs {
  std::string db, unit, at, format = "table";
};

int run_stats(const StatsArgs& a, danso::Date today) {
  using namespace danso;
  auto at_date = cli::date_or_today(a.at, today);
  if (!at_date) return cli::report_error(at_date.error());
  const Date at = *at_date;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  auto stats = register_stats((*db)->store(), a.unit.empty() ? std::nullopt : std::optional<std::string>(a.unit), at);
  if (!stats) return cli::report_error(stats.error());
  if (a.format == "json") std::cout << to_json(*stats).dump(2) << "\n";
  else std::cout << to_table(*stats);
  return 0;
}

DANSO_COMMAND(stats, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("stats", "Thống kê sổ dân số / register counts on a date");
  auto a = std::make_shared<StatsArgs>();
  cmd->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--unit", a->unit, "unit code (default: whole database)");
  cmd->add_option("--at", a->at, "YYYY-MM-DD (default: today)");
  cmd->add_option("--format", a->format, "table | json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([&ctx, a] { ctx.exit_code = run_stats(*a, ctx.today); });
});

}  // namespace
