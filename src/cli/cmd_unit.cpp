// danso unit --db FILE --code CODE [--at DATE] [--format json|table]
#include <iostream>

#include "app/unit_info.h"
#include "cli/command.h"
#include "app/database.h"

namespace {

struct UnitArgs {
  std::string db, code, at, format = "json";
};

int run_unit(const UnitArgs& a, danso::Date today) {
  using namespace danso;
  auto at_date = cli::date_or_today(a.at, today);
  if (!at_date) return cli::report_error(at_date.error());
  const Date at = *at_date;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  auto info = unit_info_json((*db)->store(), a.code, at);
  if (!info) return cli::report_error(info.error());
  if (a.format == "json") {
    std::cout << info->dump(2) << "\n";
    return 0;
  }
  const auto& j = *info;
  std::cout << j["code"].get<std::string>() << "  " << j["name"].get<std::string>() << "\n"
            << "  kind/level: " << j["kind"].get<std::string>() << " / " << j["level"] << "\n"
            << "  parent: " << (j["parent"].is_null() ? "-" : j["parent"].get<std::string>()) << "\n"
            << "  valid: " << j["valid_from"].get<std::string>() << " .. "
            << (j["valid_to"].is_null() ? "" : j["valid_to"].get<std::string>()) << "\n";
  for (const char* key : {"predecessors", "successors"})
    for (const auto& l : j[key])
      std::cout << "  " << key << ": " << l["code"].get<std::string>() << " " << l["name"].get<std::string>() << " ("
                << l["type"].get<std::string>() << ", " << l["effective"].get<std::string>() << ")\n";
  return 0;
}

DANSO_COMMAND(unit, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("unit", "Tra cứu đơn vị hành chính / show the unit holding a code on a date");
  auto a = std::make_shared<UnitArgs>();
  cmd->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--code", a->code, "unit code")->required();
  cmd->add_option("--at", a->at, "YYYY-MM-DD (default: today)");
  cmd->add_option("--format", a->format, "json | table")->check(CLI::IsMember({"json", "table"}));
  cmd->callback([&ctx, a] { ctx.exit_code = run_unit(*a, ctx.today); });
});

}  // namespace
