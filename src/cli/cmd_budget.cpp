// danso budget import --db FILE --file BUDGETS.csv: each district's and
//   commune's regular spending for a year and its part for population work
//   (docs/programme.md), checked whole, written with one audit entry. Exit 2
//   for any problem in the file (nothing written).
// danso budget report --db FILE --year YYYY [--unit CODE] [--format table|json|csv]:
//   the unit (default: the register's province) and every district and
//   commune under it against the floor of 0.15% of regular spending.
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/csv/csv_writer.h"
#include "app/database.h"
#include "app/programme/budgets.h"
#include "cli/audit_options.h"
#include "cli/command.h"

namespace {

struct BudgetArgs {
  std::string db, file, unit, format = "table";
  int year = 0;
  danso::accounts::AnchorConfig anchors;
};

std::string share(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", *v);
  return buf;
}

int run_budget_import(const BudgetArgs& a, int64_t now) {
  using namespace danso;
  auto text = cli::read_input_file(a.file);
  if (!text) return cli::report_error(text.error());
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  cli::WriteAnchors anchors;
  if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  auto n = import_budgets(**db, *text, {std::filesystem::path(a.file).filename().string(), now});
  if (!n) {
    std::cerr << "Không ghi gì / nothing written\n";
    return cli::report_error(n.error());
  }
  std::cout << "Đã ghi / written: " << *n << " dòng / rows\n";
  return anchors.after_write((*db)->store(), now);
}

int run_budget_report(const BudgetArgs& a) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  auto rows = budget_report(**db, a.unit, a.year);
  if (!rows) return cli::report_error(rows.error());
  const std::string unit = a.unit.empty() && !rows->empty() ? rows->front().root_code : a.unit;
  if (a.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const BudgetRow& r : *rows)
      out.push_back({{"unit", r.unit_code},
                     {"name", r.unit_name},
                     {"kind", kUnitKinds.code(r.kind)},
                     {"regular_spending_vnd", r.budget ? nlohmann::ordered_json(r.budget->regular_spending_vnd) : nullptr},
                     {"population_spending_vnd",
                      r.budget ? nlohmann::ordered_json(r.budget->population_spending_vnd) : nullptr},
                     {"share_percent", r.share_percent ? nlohmann::ordered_json(*r.share_percent) : nullptr},
                     {"floor_percent", kBudgetFloorPercent},
                     {"status", r.status}});
    std::cout << nlohmann::ordered_json{{"year", a.year}, {"unit", unit}, {"units", out}}.dump(2) << "\n";
    return 0;
  }
  if (a.format == "csv") {
    CsvWriter w(std::cout);
    w.row({"unit", "name", "kind", "regular_spending_vnd", "population_spending_vnd", "share_percent", "status"});
    for (const BudgetRow& r : *rows)
      w.row({r.unit_code, r.unit_name, kUnitKinds.code(r.kind),
             r.budget ? std::to_string(r.budget->regular_spending_vnd) : "",
             r.budget ? std::to_string(r.budget->population_spending_vnd) : "", share(r.share_percent), r.status});
    return 0;
  }
  std::cout << "Ngân sách cho công tác dân số năm " << a.year << " / population work budget " << a.year
            << " (mức tối thiểu / floor " << kBudgetFloorPercent << "%)\n";
  int below = 0, missing = 0;
  for (const BudgetRow& r : *rows) {
    std::cout << r.unit_code << "\t" << r.unit_name << "\t"
              << (r.budget ? std::to_string(r.budget->population_spending_vnd) + " / " +
                                 std::to_string(r.budget->regular_spending_vnd) + " đ\t" + share(r.share_percent) + "%"
                           : std::string("\t")) << "\t" << r.status << "\n";
    below += r.status == "below", missing += r.status == "missing";
  }
  std::cout << rows->size() << " đơn vị / units; dưới mức / below the floor: " << below
            << "; chưa có số liệu / missing: " << missing << "\n";
  return 0;
}

DANSO_COMMAND(budget, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("budget", "Ngân sách cho công tác dân số / budgets for population work");
  cmd->require_subcommand(1);
  auto a = std::make_shared<BudgetArgs>();
  auto* imp = cmd->add_subcommand("import", "nhập tệp ngân sách / import a budgets CSV file");
  imp->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  imp->add_option("--file", a->file, "CSV: unit_code,year,regular_spending_vnd,population_spending_vnd[,note]")->required();
  danso::cli::add_anchor_options(imp, a->anchors);
  imp->callback([&ctx, a] { ctx.exit_code = run_budget_import(*a, ctx.now); });
  auto* rep = cmd->add_subcommand("report", "so với mức tối thiểu 0,15% / against the 0.15% floor");
  rep->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  rep->add_option("--year", a->year, "the year")->required()->check(CLI::Range(1900, 2200));
  rep->add_option("--unit", a->unit, "unit code (default: the register's province)");
  rep->add_option("--format", a->format, "table | json | csv")->check(CLI::IsMember({"json", "csv", "table"}));
  rep->callback([&ctx, a] { ctx.exit_code = run_budget_report(*a); });
});

}  // namespace
