// danso plan import --db FILE --file PLAN.json [--unit CODE]: checks a plan
//   file (format danso-plan/1, docs/programme.md) whole and stores it with
//   its targets, one audit entry in the same transaction; prints its id.
//   Exit 0 imported; 2 a problem in the file, a unit the register lacks or a
//   number already imported (nothing written).
// danso plan list --db FILE: the plans stored, one line each.
// danso plan value --db FILE --plan ID --target KEY --unit CODE --year YYYY
//   --value X: the figure of a manual target (one the register cannot count)
//   for a unit and year, entered by hand; replaces the one before, audited.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/catalogue_file.h"
#include "app/database.h"
#include "app/programme/plans.h"
#include "cli/audit_options.h"
#include "cli/command.h"

namespace {

struct PlanArgs {
  std::string db, file, unit, catalogue, target;
  int64_t plan = 0;
  int year = 0;
  double value = 0;
  danso::accounts::AnchorConfig anchors;
};

int run_plan_import(const PlanArgs& a, int64_t now) {
  using namespace danso;
  auto text = cli::read_input_file(a.file);
  if (!text) return cli::report_error(text.error());
  auto catalogue = catalogue_with_file(a.catalogue);
  if (!catalogue) return cli::report_error(catalogue.error());
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  cli::WriteAnchors anchors;
  if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  PlanImportOptions o;
  o.file = std::filesystem::path(a.file).filename().string();
  o.unit_code = a.unit;
  o.now = now;
  auto id = import_plan(**db, *text, o, *catalogue);
  if (!id) {
    std::cerr << "Không ghi gì / nothing written\n";
    return cli::report_error(id.error());
  }
  std::cout << "Đã nhập kế hoạch / plan imported: " << *id << "\n";
  return anchors.after_write((*db)->store(), now);
}

int run_plan_list(const PlanArgs& a) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  for (const PlanRecord& r : list_plans(**db)) {
    const Plan& p = r.plan;
    std::cout << p.id << "\t" << p.number << "\t" << p.unit_code << " " << p.unit_name << "\t" << p.start.iso()
              << ".." << p.end.iso() << "\t" << p.targets.size() << " chỉ tiêu / targets\n";
  }
  return 0;
}

int run_plan_value(const PlanArgs& a, int64_t now) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  cli::WriteAnchors anchors;
  if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  if (auto st = enter_manual_value(**db, {a.plan, a.target, a.unit, a.year, a.value, now}); !st)
    return cli::report_error(st.error());
  std::cout << "Đã ghi / recorded: " << a.target << " " << a.unit << " " << a.year << " = " << a.value << "\n";
  return anchors.after_write((*db)->store(), now);
}

DANSO_COMMAND(plan, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("plan", "Kế hoạch và chỉ tiêu / plans and their targets (docs/programme.md)");
  cmd->require_subcommand(1);
  auto a = std::make_shared<PlanArgs>();
  auto* imp = cmd->add_subcommand("import", "nhập một tệp kế hoạch / import a plan file (danso-plan/1)");
  imp->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  imp->add_option("--file", a->file, "the plan file, e.g. data/programme/plans/dien-bien-2017-2030.json")->required();
  imp->add_option("--unit", a->unit, "the unit the plan is for, instead of the file's (a plan adopted by another unit)");
  imp->add_option("--catalogue", a->catalogue, "JSON file adding or replacing indicator definitions");
  danso::cli::add_anchor_options(imp, a->anchors);
  imp->callback([&ctx, a] { ctx.exit_code = run_plan_import(*a, ctx.now); });
  auto* list = cmd->add_subcommand("list", "các kế hoạch đã nhập / the plans stored");
  list->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  list->callback([&ctx, a] { ctx.exit_code = run_plan_list(*a); });
  auto* value = cmd->add_subcommand("value", "nhập số liệu của chỉ tiêu nhập tay / enter a manual target's figure");
  value->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  value->add_option("--plan", a->plan, "the plan's id (danso plan list)")->required();
  value->add_option("--target", a->target, "the target's key, e.g. urban_share")->required();
  value->add_option("--unit", a->unit, "unit code")->required();
  value->add_option("--year", a->year, "the year of the figure")->required();
  value->add_option("--value", a->value, "the figure, in the target's measure unit")->required();
  danso::cli::add_anchor_options(value, a->anchors);
  value->callback([&ctx, a] { ctx.exit_code = run_plan_value(*a, ctx.now); });
});

}  // namespace
