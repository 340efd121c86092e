// danso worklists --db FILE --unit CODE [--on DATE] [--list KIND] [--format table|json] [--html FILE]
// The collaborator's work lists (docs/worklists.md) over every village of
// the unit: the command line holds the database file and sees every unit.
#include <iostream>

#include "app/file_output.h"
#include "app/worklists/worklists.h"
#include "cli/command.h"

namespace {

struct WorklistsArgs {
  std::string db, unit, on, list, format = "table", html;
};

int run_worklists(const WorklistsArgs& a, danso::Date today) {
  using namespace danso;
  auto on = cli::date_or_today(a.on, today);
  if (!on) return cli::report_error(on.error());
  std::optional<WorklistKind> only;
  if (!a.list.empty()) {
    auto kind = kWorklistKinds.parse(a.list, "list");
    if (!kind) return cli::report_error(kind.error());
    only = *kind;
  }
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  const UnitTree tree = (*db)->read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
  auto root = tree.resolve_or_error(a.unit, *on, "unit");
  if (!root) return cli::report_error(root.error());
  std::vector<UnitId> villages;
  for (UnitId id : tree.subtree_on(*root, *on))
    if (const OrgUnit* u = tree.find(id); u && u->kind == UnitKind::kVillage) villages.push_back(id);
  const worklists::Lists lists = worklists::gather(**db, tree, villages, *on, only);
  if (!a.html.empty()) {
    const OrgUnit* u = tree.find(*root);
    if (auto st = write_file_whole(a.html, worklists::lists_html(lists, u ? u->name : a.unit)); !st)
      return cli::report_error(st.error());
  }
  if (a.format == "json") {
    std::cout << worklists::lists_json(lists).dump(2) << "\n";
    return 0;
  }
  for (const worklists::Row& r : lists.rows)
    std::cout << kWorklistKinds.code(r.entry.kind) << "\t" << r.village_code << "\t" << r.entry.household.value << "\t"
              << (r.entry.person.valid() ? std::to_string(r.entry.person.value) : "-") << "\t" << r.name << "\t"
              << (r.entry.age >= 0 ? std::to_string(r.entry.age) : "-") << "\t" << r.entry.reason_vi << "\n";
  return 0;
}

DANSO_COMMAND(worklists, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("worklists", "Danh sách cần làm của cộng tác viên / the collaborator's work lists");
  auto a = std::make_shared<WorklistsArgs>();
  cmd->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--unit", a->unit, "unit code: a village or a commune")->required();
  cmd->add_option("--on", a->on, "YYYY-MM-DD (default: today)");
  cmd->add_option("--list", a->list,
                  "no_method | prenatal_screening | newborn_screening | premarital_counselling | elderly_check | "
                  "household_visit (default: all)");
  cmd->add_option("--format", a->format, "table | json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--html", a->html, "also write the printable page (A4) to this file");
  cmd->callback([&ctx, a] { ctx.exit_code = run_worklists(*a, ctx.today); });
});

}  // namespace
