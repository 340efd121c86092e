// danso training import --db FILE --file PLAN.json [--unit CODE]: a training
//   plan file (format danso-training/1, docs/programme.md §3), checked whole,
//   stored with its course kinds, groups and coverage targets; --unit adopts
//   it for another unit. Prints its id.
// danso training sessions import --db FILE --file SESSIONS.csv: courses and
//   their sessions (dates, holding unit, place, cost).
// danso training participants import --db FILE --file PARTICIPANTS.csv:
//   who attended and completed each session.
// danso training members import --db FILE --file MEMBERS.csv: memberships
//   of target groups the staff registry's roles do not give.
//   Each import is checked whole and audited; exit 2 for any problem
//   (nothing written).
// danso training coverage --db FILE --unit CODE --year YYYY [--format table|json|csv]:
//   coverage per group and course target, and spending against the budget.
// danso training needs --db FILE --unit CODE [--group G] [--year YYYY] [--format table|json|csv]:
//   who in a group still needs which course.
#include <filesystem>
#include <iostream>

#include "app/csv/csv_writer.h"
#include "app/database.h"
#include "app/programme/training_import.h"
#include "app/programme/training_json.h"
#include "app/programme/training_report.h"
#include "cli/audit_options.h"
#include "cli/command.h"

namespace {

struct TrainingArgs {
  std::string db, file, unit, group, format = "table";
  int year = 0;
  danso::accounts::AnchorConfig anchors;
};

enum class TrainingInput { kPlan, kSessions, kParticipants, kMembers };

std::string percent_text(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *v);
  return buf;
}

int run_training_import(const TrainingArgs& a, TrainingInput what, int64_t now) {
  using namespace danso;
  const auto text = cli::read_input_file(a.file);
  if (!text) return cli::report_error(text.error());
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  cli::WriteAnchors anchors;
  if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  const TrainingImportOptions o{std::filesystem::path(a.file).filename().string(), a.unit, now};
  Result<int64_t> n = int64_t(0);
  if (what == TrainingInput::kPlan) {
    auto id = import_training_plan(**db, *text, o);
    if (id) std::cout << "Đã nhập kế hoạch đào tạo / training plan imported: " << *id << "\n";
    else n = id.error();
  } else {
    n = what == TrainingInput::kSessions       ? import_training_sessions(**db, *text, o)
        : what == TrainingInput::kParticipants ? import_training_participants(**db, *text, o)
                                               : import_training_members(**db, *text, o);
    if (n) std::cout << "Đã ghi / written: " << *n << " dòng / rows\n";
  }
  if (!n) {
    std::cerr << "Không ghi gì / nothing written\n";
    return cli::report_error(n.error());
  }
  return anchors.after_write((*db)->store(), now);
}

void print_coverage_table(const danso::TrainingCoverageReport& r) {
  std::cout << "Đào tạo, bồi dưỡng / training coverage: " << r.unit_code << " " << r.unit_name << ", " << r.year
            << " (thành viên ngày / members on " << r.on.iso() << ")\n";
  for (const danso::TrainingPlanCoverage& p : r.plans) {
    std::cout << p.id << "\t" << p.title << "\n";
    for (const danso::TrainingCoverageRow& row : p.rows)
      std::cout << row.group.code << "\t" << row.course.code << "\t" << row.coverage.covered << "/" << row.coverage.members
                << "\t" << (row.coverage.percent ? percent_text(row.coverage.percent) + "%" : "-") << "\t≥ "
                << row.target.percent << "%" << (row.target.every_year ? " hàng năm / every year" : "") << "\t"
                << (!row.coverage.percent    ? "không có thành viên / no members"
                    : row.coverage.target_met ? "đạt / met"
                                              : "chưa đạt / not met")
                << "\n";
    const danso::TrainingSpending& s = p.spending;
    std::cout << "Kinh phí / spending: năm / year " << r.year << ": " << s.year_vnd << " đ; đến hết năm / to date: "
              << s.to_date_vnd << " / " << s.budget_vnd << " đ (" << percent_text(s.used_percent) << "%)\n";
  }
  if (r.plans.empty()) std::cout << "Không có kế hoạch đào tạo cho đơn vị / no training plan covers the unit\n";
}

int run_training_coverage(const TrainingArgs& a, danso::Date today) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  auto r = training_coverage_report(**db, a.unit, a.year, today);
  if (!r) return cli::report_error(r.error());
  if (a.format == "json") {
    std::cout << training_coverage_json(*r).dump(2) << "\n";
  } else if (a.format == "csv") {
    CsvWriter w(std::cout);
    w.row({"plan", "group", "course_kind", "members", "covered", "percent", "target_percent", "every_year", "met"});
    for (const TrainingPlanCoverage& p : r->plans)
      for (const TrainingCoverageRow& row : p.rows)
        w.row({p.id, row.group.code, row.course.code, std::to_string(row.coverage.members),
               std::to_string(row.coverage.covered), percent_text(row.coverage.percent), percent_text(row.target.percent),
               row.target.every_year ? "1" : "0", row.coverage.target_met ? "1" : "0"});
  } else {
    print_coverage_table(*r);
  }
  return 0;
}

int run_training_needs(const TrainingArgs& a, danso::Date today) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  const int year = a.year ? a.year : today.year();
  auto needs = training_needs(**db, a.unit, a.group, year, today);
  if (!needs) return cli::report_error(needs.error());
  if (a.format == "json") {
    std::cout << training_needs_json(a.unit, year, a.group, *needs).dump(2) << "\n";
    return 0;
  }
  if (a.format == "csv") {
    CsvWriter w(std::cout);
    w.row({"staff_id", "name", "unit", "unit_name", "plan", "group", "course_kind"});
    for (const TrainingNeed& n : *needs)
      w.row({std::to_string(n.staff.value), n.name, n.unit_code, n.unit_name, n.plan, n.group, n.course_kind});
    return 0;
  }
  for (const TrainingNeed& n : *needs)
    std::cout << n.staff.value << "\t" << n.name << "\t" << n.unit_code << " " << n.unit_name << "\t" << n.group << "\t"
              << n.course_kind << "\n";
  std::cout << needs->size() << " khóa cần học / courses still needed\n";
  return 0;
}

void add_import(CLI::App* parent, const char* name, const char* help, const char* file_help, TrainingInput what,
                danso::cli::Context& ctx) {
  auto a = std::make_shared<TrainingArgs>();
  CLI::App* cmd = parent;
  if (what != TrainingInput::kPlan) {
    cmd = parent->add_subcommand(name, help);
    cmd->require_subcommand(1);
  }
  auto* imp = cmd->add_subcommand("import", what == TrainingInput::kPlan ? help : file_help);
  imp->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  imp->add_option("--file", a->file, file_help)->required();
  if (what == TrainingInput::kPlan) imp->add_option("--unit", a->unit, "adopt the plan for this unit (its code)");
  danso::cli::add_anchor_options(imp, a->anchors);
  imp->callback([&ctx, a, what] { ctx.exit_code = run_training_import(*a, what, ctx.now); });
}

DANSO_COMMAND(training, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("training", "Đào tạo, bồi dưỡng / training plans, sessions and coverage");
  cmd->require_subcommand(1);
  add_import(cmd, "import", "nhập kế hoạch đào tạo / import a training plan", "JSON: danso-training/1", TrainingInput::kPlan,
             ctx);
  add_import(cmd, "sessions", "khóa học và lớp / courses and sessions",
             "CSV: session,plan,course,course_title,course_kind,unit_code,start,end,cost_vnd[,place]",
             TrainingInput::kSessions, ctx);
  add_import(cmd, "participants", "học viên / participants",
             "CSV: session,staff_id,attended,completed[,completed_on]", TrainingInput::kParticipants, ctx);
  add_import(cmd, "members", "thành viên nhóm đối tượng / target group members",
             "CSV: staff_id,group,unit_code,start[,end]", TrainingInput::kMembers, ctx);
  auto a = std::make_shared<TrainingArgs>();
  auto* cov = cmd->add_subcommand("coverage", "độ bao phủ so với chỉ tiêu / coverage against targets");
  cov->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cov->add_option("--unit", a->unit, "unit code")->required();
  cov->add_option("--year", a->year, "the year")->required()->check(CLI::Range(1900, 2200));
  cov->add_option("--format", a->format, "table | json | csv")->check(CLI::IsMember({"json", "csv", "table"}));
  cov->callback([&ctx, a] { ctx.exit_code = run_training_coverage(*a, ctx.today); });
  auto n = std::make_shared<TrainingArgs>();
  auto* needs = cmd->add_subcommand("needs", "ai còn cần khóa nào / who still needs which course");
  needs->add_option("--db", n->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  needs->add_option("--unit", n->unit, "unit code")->required();
  needs->add_option("--group", n->group, "one target group (its code)");
  needs->add_option("--year", n->year, "the year (default: this year)")->check(CLI::Range(1900, 2200));
  needs->add_option("--format", n->format, "table | json | csv")->check(CLI::IsMember({"json", "csv", "table"}));
  needs->callback([&ctx, n] { ctx.exit_code = run_training_needs(*n, ctx.today); });
});

}  // namespace
