// danso yearly-report --db FILE --unit CODE --year YYYY --output REPORT.xlsx
//   [--html REPORT.html] [--catalogue FILE.json]
// The yearly report on population work for a unit and year (due on 10
// December; docs/programme.md): every plan covering the unit with its
// targets judged, the targets needing attention in the unit and below, the
// year's saved rewards and the budgets against the 0.15% floor, as one .xlsx
// workbook and, with --html, a printable page. Files are written whole or
// not at all. Exit 2 for a unit the register lacks.
#include <iostream>

#include "app/catalogue_file.h"
#include "app/database.h"
#include "app/file_output.h"
#include "app/programme/yearly_report.h"
#include "cli/command.h"

namespace {

struct YearlyArgs {
  std::string db, unit, output, html, catalogue;
  int year = 0;
};

int run_yearly_report(const YearlyArgs& a, danso::Date today) {
  using namespace danso;
  auto catalogue = catalogue_with_file(a.catalogue);
  if (!catalogue) return cli::report_error(catalogue.error());
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  const auto snap = analytics::RegisterSnapshot::load((*db)->store());
  auto report = compile_yearly_report(**db, snap, *catalogue, {a.unit, a.year, today});
  if (!report) return cli::report_error(report.error());
  auto bytes = yearly_report_xlsx(*report);
  if (!bytes) return cli::report_error(bytes.error());
  if (auto st = write_file_whole(a.output, *bytes); !st) return cli::report_error(st.error());
  if (!a.html.empty())
    if (auto st = write_file_whole(a.html, yearly_report_html(*report)); !st) return cli::report_error(st.error());
  std::cout << "Báo cáo năm / yearly report " << a.year << ", " << report->unit_code << " " << report->unit_name << ": "
            << report->plans.size() << " kế hoạch / plans, " << targets_needing_attention(*report)
            << " chỉ tiêu cần chú ý của đơn vị / targets needing attention in the unit, "
            << (report->rewards ? "khen thưởng lần tính / rewards run " + std::to_string(report->reward_run->id)
                                : std::string("chưa có lần tính khen thưởng / no saved rewards run"))
            << ", " << report->budgets.size() << " đơn vị có ngân sách / budget units, " << overdue_tasks(*report)
            << " nhiệm vụ quá hạn / overdue tasks -> " << a.output
            << (a.html.empty() ? "" : ", " + a.html) << "\n";
  return 0;
}

DANSO_COMMAND(yearly_report, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("yearly-report", "Báo cáo năm về công tác dân số / the yearly report (.xlsx, HTML)");
  auto a = std::make_shared<YearlyArgs>();
  cmd->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--unit", a->unit, "unit code")->required();
  cmd->add_option("--year", a->year, "the year reported")->required()->check(CLI::Range(1900, 2200));
  cmd->add_option("--output", a->output, "the .xlsx workbook to write")->required();
  cmd->add_option("--html", a->html, "also a printable HTML page (print to PDF from the browser)");
  cmd->add_option("--catalogue", a->catalogue, "JSON file adding or replacing indicator definitions");
  cmd->callback([&ctx, a] { ctx.exit_code = run_yearly_report(*a, ctx.today); });
});

}  // namespace
