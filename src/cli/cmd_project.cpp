// danso project --input FILE.json [--format json|csv|table]
// Cohort-component projection by sex (docs/demography.md).
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/demography_io/projection_io.h"
#include "cli/command.h"

namespace {

int run_project(const std::string& input, const std::string& format) {
  using namespace danso;
  std::ifstream in(input, std::ios::binary);
  if (!in) return cli::report_error(Error::not_found("input", "không mở được tệp " + input, "cannot open the file " + input));
  std::ostringstream text;
  text << in.rdbuf();
  auto inputs = projection_inputs_from_text(text.str());
  if (!inputs) return cli::report_error(inputs.error());
  auto steps = demography::project(*inputs);
  if (!steps) return cli::report_error(steps.error());
  if (format == "json") std::cout << projection_json(*inputs, *steps).dump(2) << "\n";
  else if (format == "csv") std::cout << projection_csv(*inputs, *steps);
  else std::cout << projection_text(*inputs, *steps);
  return 0;
}

DANSO_COMMAND(project, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("project", "Dự báo dân số / cohort-component projection");
  auto input = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("json");
  cmd->add_option("--input", *input, "projection inputs, JSON (docs/demography.md)")->required();
  cmd->add_option("--format", *format, "json | csv | table")->check(CLI::IsMember({"json", "csv", "table"}));
  cmd->callback([&ctx, input, format] { ctx.exit_code = run_project(*input, *format); });
});

}  // namespace
