// danso project --input FILE.json [--format json|csv|table]
// danso project --db FILE --unit CODE --from YEAR --to YEAR [--scenario FILE.json] [--format json|csv|table]
// Cohort-component projection by sex, from given inputs or seeded from the
// register (docs/demography.md).
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/demography_io/projection_io.h"
#include "app/register_projection.h"
#include "cli/command.h"
#include "app/database.h"

namespace {

struct ProjectArgs {
  std::string input, db, unit, scenario, format = "json";
  int from = 0, to = 0;
};

danso::Result<std::string> read_file(const std::string& path, const char* field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return danso::Error::not_found(field, "không mở được tệp " + path, "cannot open the file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int run_from_input(const ProjectArgs& a) {
  using namespace danso;
  auto text = read_file(a.input, "input");
  if (!text) return cli::report_error(text.error());
  auto inputs = projection_inputs_from_text(*text);
  if (!inputs) return cli::report_error(inputs.error());
  auto steps = demography::project(*inputs);
  if (!steps) return cli::report_error(steps.error());
  if (a.format == "json") std::cout << projection_json(*inputs, *steps).dump(2) << "\n";
  else if (a.format == "csv") std::cout << projection_csv(*inputs, *steps);
  else std::cout << projection_text(*inputs, *steps);
  return 0;
}

int run_from_register(const ProjectArgs& a) {
  using namespace danso;
  if (a.unit.empty() || a.from == 0 || a.to == 0)
    return cli::report_error(Error::invalid("unit", "với --db cần --unit, --from và --to", "with --db, --unit, --from and --to are required"));
  RegisterProjectionRequest rq{a.unit, a.from, a.to, nlohmann::json::object()};
  if (!a.scenario.empty()) {
    auto text = read_file(a.scenario, "scenario");
    if (!text) return cli::report_error(text.error());
    try {
      rq.scenario = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number too large
      return cli::report_error(Error::invalid("scenario", std::string("JSON không hợp lệ: ") + e.what(), std::string("invalid JSON: ") + e.what()));
    }
  }
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  const auto snap = analytics::RegisterSnapshot::load((*db)->store());
  auto r = project_from_register(snap, rq);
  if (!r) return cli::report_error(r.error());
  if (a.format == "json") std::cout << r->dump(2) << "\n";
  else if (a.format == "csv") std::cout << register_projection_csv(*r);
  else std::cout << register_projection_table(*r);
  return 0;
}

DANSO_COMMAND(project, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("project", "Dự báo dân số / cohort-component projection");
  auto a = std::make_shared<ProjectArgs>();
  auto* input = cmd->add_option("--input", a->input, "projection inputs, JSON (docs/demography.md)");
  auto* db = cmd->add_option("--db", a->db, "database file or postgresql:// address: project a unit seeded from the register");
  input->excludes(db);
  cmd->add_option("--unit", a->unit, "unit code (with --db)");
  cmd->add_option("--from", a->from, "first year: the base population is on 1 January (with --db)");
  cmd->add_option("--to", a->to, "last projected year (with --db)");
  cmd->add_option("--scenario", a->scenario, "scenario JSON: tfr, e0, srb, migration paths (with --db)");
  cmd->add_option("--format", a->format, "json | csv | table")->check(CLI::IsMember({"json", "csv", "table"}));
  cmd->callback([&ctx, a] {
    if (a->input.empty() && a->db.empty()) {
      ctx.exit_code = danso::cli::report_error(danso::Error::invalid(
          "input", "cần --input TỆP.json hoặc --db TỆP", "--input FILE.json or --db FILE is required"));
      return;
    }
    ctx.exit_code = a->db.empty() ? run_from_input(*a) : run_from_register(*a);
  });
});

}  // namespace
