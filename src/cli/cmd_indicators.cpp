// danso indicators --db FILE --unit CODE --period P [--children] [--all]
//                  [--catalogue FILE.json] [--format json|csv|table]
#include <chrono>
#include <iostream>

#include "app/catalogue_file.h"
#include "app/indicator_report.h"
#include "cli/command.h"
#include "app/database.h"

namespace {

struct IndicatorArgs {
  std::string db, unit, period, catalogue, format = "json";
  bool children = false, all = false;
};

int run_indicators(const IndicatorArgs& a) {
  using namespace danso;
  auto period = Period::parse(a.period);
  if (!period) return cli::report_error(period.error());
  if (a.unit.empty() && !a.all)
    return cli::report_error(Error::invalid("unit", "cần --unit MÃ (hoặc --all)", "--unit CODE is required (or --all)"));
  auto catalogue = catalogue_with_file(a.catalogue);
  if (!catalogue) return cli::report_error(catalogue.error());
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  const auto snap = analytics::RegisterSnapshot::load((*db)->store());
  IndicatorReporter reporter(snap, *catalogue);
  nlohmann::ordered_json out;
  if (a.all) {
    out = reporter.report_all(*period);
  } else {
    auto r = reporter.report(a.unit, *period, a.children);
    if (!r) return cli::report_error(r.error());
    out = std::move(*r);
  }
  if (a.format == "json") std::cout << out.dump(2) << "\n";
  else if (a.format == "csv") std::cout << indicators_to_csv(out);
  else std::cout << indicators_to_table(out);
  return 0;
}

DANSO_COMMAND(indicators, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("indicators", "Chỉ tiêu dân số / demographic indicators of a unit and period");
  auto a = std::make_shared<IndicatorArgs>();
  cmd->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--unit", a->unit, "unit code (resolved on the period's last day)");
  cmd->add_option("--period", a->period, "2024 | 2024-H1 | 2024-Q3 | 2024-07 | 2020..2024 | 2024-03-15..2024-09-30")
      ->required();
  cmd->add_flag("--children", a->children, "one object per child unit");
  cmd->add_flag("--all", a->all, "every unit valid at the period's end");
  cmd->add_option("--catalogue", a->catalogue, "JSON file adding or replacing indicator definitions");
  cmd->add_option("--format", a->format, "json | csv | table")->check(CLI::IsMember({"json", "csv", "table"}));
  cmd->callback([&ctx, a] { ctx.exit_code = run_indicators(*a); });
});

}  // namespace
