// danso task: agencies, steering committees and the tasks of each plan's
// "tổ chức thực hiện" (docs/programme.md §4).
//   import --db F --file TASKS.json [--unit CODE]   the file checked whole, written with one audit entry
//   list --db F --unit CODE [--agency A] [--overdue] [--on DATE] [--format table|json|csv]
//   progress --db F --task ID --status in_progress|done|blocked [--note TEXT] [--year YYYY]
//   due --db F --task ID [--due YYYY-MM-DD] [--recurring yearly:MM-DD]
//   member --db F --user NAME --unit CODE --agency A   an agency member's account speaks for agency A
//   committees --db F --unit CODE                      the committees with their ids and members
//   committee-members --db F --file MEMBERS.csv        committee_id,name,position,start[,agency,end]
// Exit 0 done; 2 bad input or a record the database lacks (nothing written).
#include <filesystem>
#include <iostream>

#include "app/csv/csv_writer.h"
#include "app/database.h"
#include "app/programme/task_json.h"
#include "app/programme/tasks.h"
#include "cli/audit_options.h"
#include "cli/command.h"
#include "core/unit_tree.h"

namespace {

struct TaskArgs {
  std::string db, file, unit, agency, format = "table", on, status, note, due, recurring, user;
  int64_t task = 0;
  int year = 0;
  bool overdue = false;
  danso::accounts::AnchorConfig anchors;
};

// Opens the database and its audit anchors, runs `write`, then anchors the head.
int with_write(const TaskArgs& a, int64_t now, const std::function<int(danso::Database&)>& write) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  cli::WriteAnchors anchors;
  if (int code = anchors.open(a.anchors, (*db)->store())) return code;
  if (int code = write(**db)) return code;
  return anchors.after_write((*db)->store(), now);
}

int nothing_written(const danso::Error& e) {
  std::cerr << "Không ghi gì / nothing written\n";
  return danso::cli::report_error(e);
}

int run_import(const TaskArgs& a, int64_t now) {
  using namespace danso;
  auto text = cli::read_input_file(a.file);
  if (!text) return cli::report_error(text.error());
  return with_write(a, now, [&](Database& db) {
    auto r = import_task_file(db, *text, {std::filesystem::path(a.file).filename().string(), a.unit, now});
    if (!r) return nothing_written(r.error());
    std::cout << "Đã nhập / imported: " << r->id << " cho / for " << r->unit_code << ": " << r->agencies
              << " cơ quan / agencies, " << r->committees << " ban / committees, " << r->tasks << " nhiệm vụ / tasks\n";
    return 0;
  });
}

int run_list(const TaskArgs& a, danso::Date today) {
  using namespace danso;
  auto on = cli::date_or_today(a.on, today);
  if (!on) return cli::report_error(on.error());
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  TaskListOptions o;
  o.unit = a.unit, o.on = *on, o.agency = a.agency, o.overdue_only = a.overdue;
  auto tasks = list_tasks(**db, o);
  if (!tasks) return cli::report_error(tasks.error());
  if (a.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const TaskView& v : *tasks) list.push_back(task_view_json(v));
    std::cout << nlohmann::ordered_json{{"unit", a.unit}, {"on", on->iso()}, {"agencies", agency_summary_json(summarise_by_agency(*tasks))},
                                        {"tasks", std::move(list)}}.dump(2)
              << "\n";
    return 0;
  }
  if (a.format == "csv") {
    CsvWriter w(std::cout);
    w.row({"id", "set", "key", "unit", "agency", "role", "state", "due", "next_due", "missed_years", "last_status", "last_at",
           "description_vi"});
    for (const TaskView& v : *tasks) {
      std::string missed;
      for (int y : v.missed) missed += (missed.empty() ? "" : ";") + std::to_string(y);
      w.row({std::to_string(v.task.id), v.task.task_set, v.task.key, v.unit_code, v.task.agency,
             std::string(kTaskRoles.code(v.task.role)), v.state, v.task.due.first ? v.task.due.first->iso() : "",
             v.next_due ? v.next_due->iso() : "", missed, v.last ? std::string(kTaskStatuses.code(v.last->status)) : "",
             v.last ? v.last->at : "", v.task.description_vi});
    }
    return 0;
  }
  std::cout << "Nhiệm vụ / tasks: " << a.unit << " ngày / on " << on->iso() << "\n";
  int64_t overdue = 0;
  for (const TaskView& v : *tasks) {
    std::cout << v.task.id << "\t" << v.task.task_set << "/" << v.task.key << "\t" << v.unit_code << "\t" << v.task.agency
              << "\t" << kTaskRoles.code(v.task.role) << "\t" << v.state;
    if (!v.missed.empty()) std::cout << " (" << v.missed.back() << ")";
    if (v.next_due) std::cout << "\t→ " << v.next_due->iso();
    std::cout << "\n";
    overdue += v.state == "overdue";
  }
  std::cout << tasks->size() << " nhiệm vụ / tasks; quá hạn / overdue: " << overdue << "\n";
  return 0;
}

int run_progress(const TaskArgs& a, int64_t now) {
  using namespace danso;
  return with_write(a, now, [&](Database& db) {
    auto id = post_task_update(db, nullptr, {a.task, a.year, a.status, a.note, now});
    if (!id) return nothing_written(id.error());
    std::cout << "Đã ghi / recorded: cập nhật / update " << *id << " của nhiệm vụ / of task " << a.task << "\n";
    return 0;
  });
}

int run_due(const TaskArgs& a, int64_t now) {
  using namespace danso;
  return with_write(a, now, [&](Database& db) {
    if (auto st = set_task_due_date(db, a.task, a.due, a.recurring, now); !st) return nothing_written(st.error());
    std::cout << "Đã ghi / recorded: nhiệm vụ / task " << a.task << " hạn / due " << (a.due.empty() ? "-" : a.due)
              << (a.recurring.empty() ? "" : " " + a.recurring) << "\n";
    return 0;
  });
}

int run_member(const TaskArgs& a, int64_t now) {
  using namespace danso;
  return with_write(a, now, [&](Database& db) {
    if (auto st = assign_agency_member(db, a.user, a.unit, a.agency, now); !st) return nothing_written(st.error());
    std::cout << "Đã ghi / recorded: " << a.user << " → " << a.unit << "/" << a.agency << "\n";
    return 0;
  });
}

int run_committees(const TaskArgs& a, danso::Date today) {
  using namespace danso;
  auto db = open_database(a.db);
  if (!db) return cli::report_error(db.error());
  const UnitTree tree = (*db)->read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
  auto root = tree.resolve_or_error(a.unit, today, "unit");
  if (!root) return cli::report_error(root.error());
  for (const CommitteeRecord& c : (*db)->read([](Store& s) { return s.committees(); })) {
    if (!tree.within(c.unit, *root, today) && !tree.within(*root, c.unit, today)) continue;
    const OrgUnit* u = tree.find(c.unit);
    std::cout << c.id << "\t" << (u ? u->code : "") << "\t" << c.level << "\t" << c.name_vi << "\t" << c.members.size()
              << " thành viên / members\n";
    for (const CommitteeMemberRecord& m : c.members)
      std::cout << "\t" << m.position << "\t" << m.name << "\t" << m.agency << "\t" << m.start.iso() << "–"
                << (m.end ? m.end->iso() : "") << "\n";
  }
  return 0;
}

int run_committee_members(const TaskArgs& a, int64_t now) {
  using namespace danso;
  auto text = cli::read_input_file(a.file);
  if (!text) return cli::report_error(text.error());
  return with_write(a, now, [&](Database& db) {
    auto n = import_committee_members(db, *text, std::filesystem::path(a.file).filename().string(), now);
    if (!n) return nothing_written(n.error());
    std::cout << "Đã ghi / written: " << *n << " thành viên / members\n";
    return 0;
  });
}

DANSO_COMMAND(task, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("task", "Ban, ngành và nhiệm vụ / agencies, committees and tasks");
  cmd->require_subcommand(1);
  auto a = std::make_shared<TaskArgs>();
  auto db_option = [a](CLI::App* sub) { sub->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required(); };
  auto* imp = cmd->add_subcommand("import", "nhập tệp nhiệm vụ / import a task file (danso-tasks/1)");
  db_option(imp);
  imp->add_option("--file", a->file, "the task file (JSON)")->required();
  imp->add_option("--unit", a->unit, "the unit the tasks are for, instead of the file's");
  danso::cli::add_anchor_options(imp, a->anchors);
  imp->callback([&ctx, a] { ctx.exit_code = run_import(*a, ctx.now); });

  auto* list = cmd->add_subcommand("list", "nhiệm vụ của một đơn vị, quá hạn trước / a unit's tasks, overdue first");
  db_option(list);
  list->add_option("--unit", a->unit, "unit code: the tasks of its sets, of those above and below it")->required();
  list->add_option("--agency", a->agency, "only this agency's tasks");
  list->add_flag("--overdue", a->overdue, "only the overdue tasks");
  list->add_option("--on", a->on, "the day judged, YYYY-MM-DD (default: today)");
  list->add_option("--format", a->format, "table | json | csv")->check(CLI::IsMember({"json", "csv", "table"}));
  list->callback([&ctx, a] { ctx.exit_code = run_list(*a, ctx.today); });

  auto* prog = cmd->add_subcommand("progress", "ghi tiến độ một nhiệm vụ / post progress on a task");
  db_option(prog);
  prog->add_option("--task", a->task, "task id (danso task list)")->required();
  prog->add_option("--status", a->status, "in_progress | done | blocked")->required();
  prog->add_option("--note", a->note, "what was done, or what blocks it");
  prog->add_option("--year", a->year, "the year reported on (default: this year)");
  danso::cli::add_anchor_options(prog, a->anchors);
  prog->callback([&ctx, a] { ctx.exit_code = run_progress(*a, ctx.now); });

  auto* due = cmd->add_subcommand("due", "đặt hạn một nhiệm vụ / set a task's due date");
  db_option(due);
  due->add_option("--task", a->task, "task id")->required();
  due->add_option("--due", a->due, "YYYY-MM-DD (the first due date of a yearly task); empty clears it");
  due->add_option("--recurring", a->recurring, "yearly:MM-DD, for a task due every year");
  danso::cli::add_anchor_options(due, a->anchors);
  due->callback([&ctx, a] { ctx.exit_code = run_due(*a, ctx.now); });

  auto* mem = cmd->add_subcommand("member", "gán tài khoản thành viên ban, ngành cho cơ quan / assign an agency member to an agency");
  db_option(mem);
  mem->add_option("--user", a->user, "user name (role agency_member)")->required();
  mem->add_option("--unit", a->unit, "the user's unit code")->required();
  mem->add_option("--agency", a->agency, "agency code of that unit")->required();
  danso::cli::add_anchor_options(mem, a->anchors);
  mem->callback([&ctx, a] { ctx.exit_code = run_member(*a, ctx.now); });

  auto* com = cmd->add_subcommand("committees", "ban chỉ đạo và thành viên / steering committees and members");
  db_option(com);
  com->add_option("--unit", a->unit, "unit code")->required();
  com->callback([&ctx, a] { ctx.exit_code = run_committees(*a, ctx.today); });

  auto* cm = cmd->add_subcommand("committee-members", "nhập thành viên ban chỉ đạo / import committee members (CSV)");
  db_option(cm);
  cm->add_option("--file", a->file, "CSV: committee_id,name,position,start[,agency,end]")->required();
  danso::cli::add_anchor_options(cm, a->anchors);
  cm->callback([&ctx, a] { ctx.exit_code = run_committee_members(*a, ctx.now); });
});

}  // namespace
