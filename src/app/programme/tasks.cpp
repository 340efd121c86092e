#include "app/programme/tasks.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/accounts/audit_chain.h"
#include "app/accounts/crypto.h"
#include "app/csv/csv_reader.h"
#include "app/formats/field_reader.h"
#include "app/programme/task_file.h"
#include "core/text.h"
#include "core/unit_tree.h"

namespace danso {

namespace {

UnitTree load_tree(Database& db) {
  return db.read([](Store& s) { return UnitTree(s.load_units(), s.load_unit_links()); });
}

// An entry of the tasks' part of the register, with its contents after.
AuditRecord task_audit(const accounts::Principal* actor, int64_t now, std::string action, std::string kind,
                       std::string record, UnitId unit, const nlohmann::ordered_json& after) {
  AuditRecord e = accounts::audit_entry(actor, accounts::iso_instant(now), std::move(action), std::move(kind),
                                        std::move(record), unit);
  e.after = after.dump();
  return e;
}

Error no_task(int64_t id) {
  return Error::not_found("task", "không có nhiệm vụ mã " + std::to_string(id), "no task with id " + std::to_string(id));
}

// A note: at most 2,000 characters, free text over several lines.
Result<std::string> checked_note(const std::string& note) {
  if (auto st = check_text_field(note, "note", TextKind::kMultiline); !st) return st.error();
  std::string out = to_nfc(note);
  const auto chars = std::count_if(out.begin(), out.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  if (chars > 2000) return Error::invalid("note", "ghi chú dài quá 2.000 ký tự", "the note is longer than 2,000 characters");
  return out;
}

TaskView view_of(const TaskRecord& t, const UnitTree& tree, const std::map<std::pair<int64_t, std::string>, std::string>& names,
                 const std::vector<const TaskUpdateRecord*>& updates, Date on) {
  TaskView v;
  v.task = t;
  if (const OrgUnit* u = tree.find(t.unit)) v.unit_code = u->code, v.unit_name = u->name;
  if (auto it = names.find({t.unit.value, t.agency}); it != names.end()) v.agency_name = it->second;
  std::vector<TaskUpdateFact> facts;
  for (const TaskUpdateRecord* u : updates) facts.push_back({u->year, u->status});
  v.missed = missed_occurrences(t.due, facts, on);
  v.next_due = next_due(t.due, on);
  v.updates = int64_t(updates.size());
  if (!updates.empty()) v.last = *updates.back();
  const TaskUpdateRecord* this_year = nullptr;
  for (const TaskUpdateRecord* u : updates)
    if (u->year == on.year()) this_year = u;
  if (!v.missed.empty()) v.state = "overdue";
  else if (this_year) v.state = std::string(kTaskStatuses.code(this_year->status));
  else if (!t.due.yearly && v.last && v.last->status == TaskStatus::kDone) v.state = "done";  // a one-off done before
  else v.state = "not_reported";
  return v;
}

int state_rank(const std::string& s) {
  if (s == "overdue") return 0;
  if (s == "blocked") return 1;
  if (s == "not_reported") return 2;
  if (s == "in_progress") return 3;
  return 4;
}

}  // namespace

Result<TaskImportResult> import_task_file(Database& db, const std::string& json_text, const TaskImportOptions& o) {
  auto file = read_task_file(json_text);
  if (!file) return file.error();
  const UnitTree tree = load_tree(db);
  const std::string code = o.unit_code.empty() ? file->unit_code : o.unit_code;
  const OrgUnit* unit = tree.resolve(code, accounts::date_of(o.now));
  if (!unit)
    return Error::not_found(o.unit_code.empty() ? "unit.code" : "unit",
                            "sổ không có đơn vị mã '" + code + "' hôm nay; nhập cho đơn vị khác bằng --unit",
                            "the register has no unit coded '" + code + "' today; import for another unit with --unit");
  TaskSetRecord set;
  set.id = file->id, set.plan = file->plan, set.unit = unit->id, set.unit_code = unit->code, set.unit_name = unit->name;
  set.source_document = file->source_document, set.source_file = file->source_file;
  set.source_section = file->source_section;
  set.sha256 = accounts::sha256_hex(json_text);
  set.imported_at = accounts::iso_instant(o.now);
  for (AgencyRecord& a : file->agencies) a.unit = unit->id;
  for (CommitteeRecord& c : file->committees) c.unit = unit->id, c.task_set = set.id;
  for (TaskRecord& t : file->tasks) t.unit = unit->id, t.task_set = set.id;
  TaskImportResult out{set.id, unit->code, int64_t(file->agencies.size()), int64_t(file->committees.size()),
                       int64_t(file->tasks.size())};
  auto st = db.write([&](Store& s) -> Status {
    if (auto w = s.replace_task_set(set, file->agencies, file->committees, file->tasks); !w) return w;
    return accounts::append_audit(s, task_audit(nullptr, o.now, "import", "task_set", set.id, unit->id,
                                                 {{"file", o.file}, {"unit", unit->code}, {"agencies", out.agencies},
                                                  {"committees", out.committees}, {"tasks", out.tasks},
                                                  {"sha256", set.sha256}}));
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<TaskView>> list_tasks(Database& db, const TaskListOptions& o) {
  const UnitTree tree = load_tree(db);
  auto root = tree.resolve_or_error(o.unit, o.on, "unit");
  if (!root) return root.error();
  struct Data {
    std::vector<TaskSetRecord> sets;
    std::vector<AgencyRecord> agencies;
    std::vector<TaskRecord> tasks;
    std::vector<TaskUpdateRecord> updates;
  };
  const Data d = db.read([](Store& s) { return Data{s.task_sets(), s.agencies(), s.tasks(), s.task_updates()}; });
  std::set<std::string> sets;
  for (const TaskSetRecord& s : d.sets)
    if ((tree.within(s.unit, *root, o.on) || tree.within(*root, s.unit, o.on)) && (!o.visible || o.visible(s.unit)))
      sets.insert(s.id);
  std::map<std::pair<int64_t, std::string>, std::string> names;
  for (const AgencyRecord& a : d.agencies) names[{a.unit.value, a.code}] = a.name_vi;
  std::map<int64_t, std::vector<const TaskUpdateRecord*>> by_task;
  for (const TaskUpdateRecord& u : d.updates) by_task[u.task].push_back(&u);
  std::vector<TaskView> out;
  for (const TaskRecord& t : d.tasks) {
    if (!sets.count(t.task_set) || (!o.agency.empty() && t.agency != o.agency)) continue;
    TaskView v = view_of(t, tree, names, by_task[t.id], o.on);
    if (o.overdue_only && v.missed.empty()) continue;
    out.push_back(std::move(v));
  }
  std::stable_sort(out.begin(), out.end(), [](const TaskView& a, const TaskView& b) {
    return std::tuple(state_rank(a.state), a.unit_code, a.task.task_set, a.task.key) <
           std::tuple(state_rank(b.state), b.unit_code, b.task.task_set, b.task.key);
  });
  return out;
}

std::optional<TaskDetail> task_detail(Database& db, int64_t id, Date on) {
  auto task = db.read([&](Store& s) { return s.find_task(id); });
  if (!task) return std::nullopt;
  const UnitTree tree = load_tree(db);
  TaskDetail out;
  std::map<std::pair<int64_t, std::string>, std::string> names;
  db.read([&](Store& s) {
    for (const AgencyRecord& a : s.agencies())
      if (a.unit == task->unit) names[{a.unit.value, a.code}] = a.name_vi;
    for (TaskUpdateRecord& u : s.task_updates())
      if (u.task == id) out.updates.push_back(std::move(u));
  });
  std::vector<const TaskUpdateRecord*> ptrs;
  for (const TaskUpdateRecord& u : out.updates) ptrs.push_back(&u);
  out.view = view_of(*task, tree, names, ptrs, on);
  return out;
}

std::vector<AgencySummary> summarise_by_agency(const std::vector<TaskView>& tasks) {
  std::map<std::pair<std::string, std::string>, AgencySummary> by;
  for (const TaskView& v : tasks) {
    AgencySummary& s = by[{v.unit_code, v.task.agency}];
    s.unit_code = v.unit_code, s.agency = v.task.agency, s.name = v.agency_name;
    ++s.tasks;
    if (v.state == "done" || v.state == "in_progress" || v.state == "blocked") ++s.reported;
    if (v.state == "done") ++s.done;
    if (v.state == "overdue") ++s.overdue;
  }
  std::vector<AgencySummary> out;
  for (auto& [key, s] : by) out.push_back(std::move(s));
  std::stable_sort(out.begin(), out.end(), [](const AgencySummary& a, const AgencySummary& b) { return a.overdue > b.overdue; });
  return out;
}

Result<int64_t> post_task_update(Database& db, const accounts::Principal* actor, const TaskUpdateInput& in) {
  auto status = kTaskStatuses.parse(in.status, "status");
  if (!status) return status.error();
  auto note = checked_note(in.note);
  if (!note) return note.error();
  const Date today = accounts::date_of(in.now);
  const int year = in.year == 0 ? today.year() : in.year;
  if (year < 1900 || year > today.year())
    return Error::invalid("year", "năm báo cáo phải từ 1900 đến năm nay (" + std::to_string(today.year()) + ")",
                          "the year reported on must be from 1900 to this year (" + std::to_string(today.year()) + ")");
  return db.write([&](Store& s) -> Result<int64_t> {
    auto task = s.find_task(in.task);
    if (!task) return no_task(in.task);
    if (actor && actor->role == Role::kAgencyMember) {
      const auto agency = s.agency_of_member(actor->user);
      if (!agency)
        return Error{ErrorCode::kPermissionDenied, "task",
                     "tài khoản này chưa được gán cho cơ quan nào; hãy đề nghị quản trị gán (danso task member)",
                     "this account speaks for no agency yet; ask an administrator to assign one (danso task member)"};
      if (agency->unit != task->unit || agency->code != task->agency)
        return Error{ErrorCode::kPermissionDenied, "task",
                     "chỉ báo cáo được nhiệm vụ của cơ quan mình (" + agency->name_vi + "); nhiệm vụ này của cơ quan '" +
                         task->agency + "'",
                     "you may report only on your own agency's tasks (" + agency->code + "); this task is agency '" +
                         task->agency + "'s"};
    }
    TaskUpdateRecord u;
    u.task = task->id, u.year = year, u.status = *status, u.note = *note;
    if (actor) u.user = actor->user;
    u.actor = actor ? actor->username : accounts::kCommandLineActor;
    u.at = accounts::iso_instant(in.now);
    auto id = s.insert_task_update(u);
    if (!id) return id.error();
    auto st = accounts::append_audit(s, task_audit(actor, in.now, "create", "task_update", std::to_string(*id), task->unit,
                                                    {{"task", task->id}, {"set", task->task_set}, {"key", task->key},
                                                     {"agency", task->agency}, {"year", year},
                                                     {"status", kTaskStatuses.code(*status)}, {"note", u.note}}));
    if (!st) return st.error();
    return *id;
  });
}

Status set_task_due_date(Database& db, int64_t task, const std::string& due, const std::string& recurring, int64_t now) {
  TaskDue d;
  if (!due.empty()) {
    auto date = Date::parse(due, "due");
    if (!date) return date.error();
    d.first = *date;
  }
  if (!recurring.empty()) {
    auto md = parse_recurrence(recurring, "recurring");
    if (!md) return md.error();
    if (!d.first)
      return Error::invalid("due", "nhiệm vụ lặp hằng năm cần ngày đến hạn đầu tiên (--due)",
                            "a yearly task needs its first due date (--due)");
    d.yearly = *md;
  }
  return db.write([&](Store& s) -> Status {
    auto t = s.find_task(task);
    if (!t) return no_task(task);
    if (auto st = s.set_task_due(task, d); !st) return st;
    return accounts::append_audit(s, task_audit(nullptr, now, "update", "task", std::to_string(task), t->unit,
                                                 {{"due", d.first ? nlohmann::ordered_json(d.first->iso()) : nullptr},
                                                  {"recurring", d.yearly ? nlohmann::ordered_json(format_recurrence(*d.yearly))
                                                                         : nullptr}}));
  });
}

Status assign_agency_member(Database& db, const std::string& username, const std::string& unit_code,
                            const std::string& agency, int64_t now) {
  const UnitTree tree = load_tree(db);
  auto unit = tree.resolve_or_error(unit_code, accounts::date_of(now), "unit");
  if (!unit) return unit.error();
  return db.write([&](Store& s) -> Status {
    auto user = s.find_user_by_name(username);
    if (!user) return Error::not_found("user", "không có người dùng '" + username + "'", "no user '" + username + "'");
    if (user->role != Role::kAgencyMember)
      return Error::invalid("user", "chỉ gán cơ quan cho người dùng vai trò agency_member (thành viên ban, ngành)",
                            "only a user of role agency_member can be assigned to an agency");
    if (user->unit != *unit)
      return Error::invalid("unit", "cơ quan phải thuộc đơn vị của người dùng", "the agency must be of the user's own unit");
    std::optional<AgencyRecord> found;
    for (const AgencyRecord& a : s.agencies())
      if (a.unit == *unit && a.code == agency) found = a;
    if (!found)
      return Error::not_found("agency", "đơn vị " + unit_code + " không có cơ quan '" + agency + "' (nhập tệp nhiệm vụ trước)",
                              "unit " + unit_code + " has no agency '" + agency + "' (import a task file first)");
    if (auto st = s.set_agency_member(user->id, *found); !st) return st;
    return accounts::append_audit(s, task_audit(nullptr, now, "update", "agency_member", std::to_string(user->id.value),
                                                 *unit, {{"user", user->username}, {"unit", unit_code}, {"agency", agency}}));
  });
}

Result<int64_t> import_committee_members(Database& db, const std::string& csv_text, const std::string& file, int64_t now) {
  auto reader = CsvReader::from_text(file, csv_text, {"committee_id", "name", "position", "start"}, {"agency", "end"});
  if (!reader) return reader.error();
  const auto committees = db.read([](Store& s) { return s.committees(); });
  const auto agencies = db.read([](Store& s) { return s.agencies(); });
  RowIssues issues(file);
  std::map<int64_t, std::vector<CommitteeMemberRecord>> by;
  auto st = reader->for_each([&](const CsvRow& row) {
    FieldReader f(row, issues);
    const int64_t id = f.id("committee_id", true);
    CommitteeMemberRecord m;
    m.name = f.text("name", true), m.position = f.text("position", true), m.agency = f.text("agency", false);
    const auto start = f.date("start", true);
    m.end = f.date("end", false);
    if (!f.ok()) return;
    m.start = *start;
    const auto c = std::find_if(committees.begin(), committees.end(), [&](const CommitteeRecord& x) { return x.id == id; });
    if (c == committees.end()) {
      f.fail("committee_id", "không có ban chỉ đạo mã " + std::to_string(id), "no committee with id " + std::to_string(id));
      return;
    }
    if (!m.agency.empty() && std::none_of(agencies.begin(), agencies.end(), [&](const AgencyRecord& a) {
          return a.unit == c->unit && a.code == m.agency;
        })) {
      f.fail("agency", "đơn vị của ban không có cơ quan '" + m.agency + "'", "the committee's unit has no agency '" + m.agency + "'");
      return;
    }
    if (m.end && *m.end < m.start) {
      f.fail("end", "ngày thôi trước ngày bắt đầu", "the end is before the start");
      return;
    }
    by[id].push_back(std::move(m));
  });
  if (!st) return st.error();
  if (!issues.empty()) return issues.first_error();
  if (by.empty()) return Error::invalid("file", "tệp không có dòng số liệu nào", "the file has no rows");
  int64_t rows = 0;
  for (const auto& [id, members] : by) rows += int64_t(members.size());
  auto w = db.write([&](Store& s) -> Status {
    for (const auto& [id, members] : by)
      if (auto r = s.replace_committee_members(id, members); !r) return r;
    return accounts::append_audit(s, task_audit(nullptr, now, "import", "committee_members", file, UnitId(),
                                                 {{"file", file}, {"committees", by.size()}, {"rows", rows},
                                                  {"sha256", accounts::sha256_hex(csv_text)}}));
  });
  if (!w) return w.error();
  return rows;
}

}  // namespace danso
