// danso targets --db FILE --plan ID [--unit CODE] [--year YYYY]
//               [--format json|csv|table] [--catalogue FILE.json]
// A plan's targets for a unit (default: the plan's) in a year (default: the
// last whole year): each target's value from the register (or the figure
// entered by hand), the goal it is judged against, the value expected on
// the straight path from the baseline, the gap and the status with its
// reason; worst first (docs/programme.md).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/catalogue_file.h"
#include "app/csv/csv_writer.h"
#include "app/database.h"
#include "app/programme/plan_json.h"
#include "app/programme/plans.h"
#include "cli/command.h"
#include "core/number_text.h"

namespace {

struct TargetArgs {
  std::string db, unit, catalogue, format = "table";
  int64_t plan = 0;
  int year = 0;
};


// `text` padded with spaces to `width` characters (UTF-8 code points, so
// Vietnamese lines up), on the left for a negative width, none for 0.
std::string cell(const std::string& text, int width) {
  int chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  const std::string fill(size_t(std::max(0, std::abs(width) - chars)), ' ');
  return width < 0 ? text + fill : fill + text;
}

std::string goal_text(const danso::TargetRow& r) {
  if (!r.goal) return "";
  return std::to_string(r.goal->year) + " " + danso::kGoalKinds.code(r.goal->kind) + " " + danso::short_number(r.goal->value);
}

int run_targets(const TargetArgs& a, danso::Date today) {
  using namespace danso;
  auto catalogue = catalogue_with_file(a.catalogue);
  if (!catalogue) return cli::report_error(catalogue.error());
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  int y = 0, m = 0, d = 0;
  today.ymd(y, m, d);
  ProgressOptions o;
  o.unit = a.unit;
  o.year = a.year ? a.year : y - 1;
  const auto snap = analytics::RegisterSnapshot::load((*db)->store());
  auto progress = plan_progress(**db, snap, *catalogue, a.plan, o);
  if (!progress) return cli::report_error(progress.error());
  if (a.format == "json") {
    std::cout << plan_progress_json(*progress).dump(2) << "\n";
    return 0;
  }
  if (a.format == "csv") {
    CsvWriter w(std::cout);
    w.row({"key", "indicator", "baseline_year", "baseline", "year", "value", "source", "goal_year", "goal_kind",
           "goal", "expected", "gap", "status", "reason_vi", "reason_en", "outlook", "outlook_meets_goal"});
    for (const TargetRow& r : progress->rows) {
      const PlanTarget& t = *r.target;
      const std::string by = t.baseline.year ? std::to_string(*t.baseline.year) : "";
      const std::string year = std::to_string(progress->year);
      const std::string gy = r.goal ? std::to_string(r.goal->year) : "";
      const std::string gk = r.goal ? kGoalKinds.code(r.goal->kind) : "";
      const std::string gv = r.goal ? danso::short_number(r.goal->value) : "";
      const std::string bv = danso::short_number(t.baseline.value), v = danso::short_number(r.value), e = danso::short_number(r.progress.expected),
                        g = danso::short_number(r.progress.gap);
      w.row({t.key, t.indicator.value_or(""), by, bv, year, v, r.source, gy, gk, gv, e, g,
             kTargetStatuses.code(r.progress.status), r.progress.reason_vi, r.progress.reason_en, danso::short_number(r.outlook),
             r.outlook_meets ? (*r.outlook_meets ? "1" : "0") : ""});
    }
    return 0;
  }
  std::cout << progress->plan.plan.number << " — " << progress->unit_code << " " << progress->unit_name << ", "
            << progress->year << "\n";
  const auto line = [](const std::vector<std::string>& cells) {
    static constexpr int kWidths[] = {-34, -32, 10, 10, -26, 10, 10, 0};
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) out += cell(cells[i], kWidths[i]) + (i + 1 < cells.size() ? " " : "");
    std::cout << out << "\n";
  };
  line({"chỉ tiêu / target", "chỉ số / indicator", "gốc/base", "giá trị", "mục tiêu / goal", "lộ trình",
        "chênh/gap", "tình trạng / status"});
  for (const TargetRow& r : progress->rows) {
    const PlanTarget& t = *r.target;
    std::string status = kTargetStatuses.code(r.progress.status);
    if (r.outlook)
      status += " (dự báo / outlook " + std::to_string(r.goal->year) + ": " + danso::short_number(std::round(*r.outlook)) +
                (*r.outlook_meets ? ", đạt / meets" : ", không đạt / misses") + ")";
    line({t.key, t.indicator ? *t.indicator : "(nhập tay / manual)", danso::short_number(t.baseline.value), danso::short_number(r.value),
          goal_text(r), danso::short_number(r.progress.expected), danso::short_number(r.progress.gap), status});
  }
  return 0;
}

DANSO_COMMAND(targets, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("targets", "Tiến độ chỉ tiêu của kế hoạch / a plan's targets and their progress");
  auto a = std::make_shared<TargetArgs>();
  cmd->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--plan", a->plan, "the plan's id (danso plan list)")->required();
  cmd->add_option("--unit", a->unit, "unit code (default: the plan's unit)");
  cmd->add_option("--year", a->year, "the year judged (default: the last whole year)")->check(CLI::Range(1900, 2200));
  cmd->add_option("--format", a->format, "table | json | csv")->check(CLI::IsMember({"json", "csv", "table"}));
  cmd->add_option("--catalogue", a->catalogue, "JSON file adding or replacing indicator definitions");
  cmd->callback([&ctx, a] { ctx.exit_code = run_targets(*a, ctx.today); });
});

}  // namespace
