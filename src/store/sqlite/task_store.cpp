// Agencies, committees, tasks and their progress in SQLite (store/task_store.h).
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

namespace {

// Lists of codes ([a-z0-9_]) are kept comma-separated.
std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> split_codes(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

constexpr const char* kTaskColumns =
    "SELECT id, task_set, key, unit_id, agency, role, with_agencies, description_vi, description_en, indicators, "
    "targets, due, recurring, source_text FROM tasks";

TaskRecord read_task(const Stmt& st) {
  TaskRecord t;
  t.id = st.i64(0), t.task_set = st.text(1), t.key = st.text(2), t.unit = UnitId(st.i64(3)), t.agency = st.text(4);
  t.role = kTaskRoles.parse(st.text(5), "role").value();
  t.with = split_codes(st.text(6));
  t.description_vi = st.text(7), t.description_en = st.text(8);
  t.indicators = split_codes(st.text(9)), t.targets = split_codes(st.text(10));
  t.due.first = st.opt_date(11);
  if (!st.is_null(12)) t.due.yearly = parse_recurrence(st.text(12), "recurring").value();
  t.source_text = st.text(13);
  return t;
}

void bind_due(Stmt& st, int first, const TaskDue& due) {
  st.bind_opt(first, due.first);
  if (due.yearly) st.bind(first + 1, format_recurrence(*due.yearly));
  else st.bind_null(first + 1);
}

}  // namespace

Status SqliteStore::replace_task_set(const TaskSetRecord& set, std::span<const AgencyRecord> agencies,
                                     std::span<const CommitteeRecord> committees, std::span<const TaskRecord> tasks) {
  sqlite3* h = db_->handle();
  Stmt ts(h,
          "INSERT INTO task_sets (id, plan, unit_id, unit_code, unit_name, source_document, source_file, source_section, "
          "sha256, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, "
          "unit_id = excluded.unit_id, unit_code = excluded.unit_code, unit_name = excluded.unit_name, "
          "source_document = excluded.source_document, source_file = excluded.source_file, "
          "source_section = excluded.source_section, sha256 = excluded.sha256, imported_at = excluded.imported_at");
  ts.bind(1, set.id);
  if (set.plan) ts.bind(2, *set.plan);
  else ts.bind_null(2);
  ts.bind(3, set.unit.value).bind(4, set.unit_code).bind(5, set.unit_name).bind(6, set.source_document);
  ts.bind(7, set.source_file).bind(8, set.source_section).bind(9, set.sha256).bind(10, set.imported_at);
  ts.exec();

  Stmt ag(h,
          "INSERT INTO agencies (unit_id, code, name_vi, name_en) VALUES (?,?,?,?) ON CONFLICT (unit_id, code) DO "
          "UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en");
  for (const AgencyRecord& a : agencies) ag.bind(1, a.unit.value).bind(2, a.code).bind(3, a.name_vi).bind(4, a.name_en).exec();

  // A task of the set that the new file no longer has: removed, unless progress was posted on it.
  {
    Stmt old(h, "SELECT id, key, (SELECT COUNT(*) FROM task_updates u WHERE u.task_id = tasks.id) FROM tasks WHERE task_set = ?");
    old.bind(1, set.id);
    std::vector<int64_t> gone;
    while (old.step()) {
      const std::string key(old.text(1));
      bool kept = false;
      for (const TaskRecord& t : tasks) kept = kept || t.key == key;
      if (kept) continue;
      if (old.i64(2) > 0)
        return Error{ErrorCode::kFailedPrecondition, "tasks",
                     "nhiệm vụ '" + key + "' của bộ '" + set.id + "' đã có báo cáo tiến độ nên không bỏ được; tệp mới phải giữ nó",
                     "task '" + key + "' of set '" + set.id + "' has progress posted and cannot be removed; the new file must keep it"};
      gone.push_back(old.i64(0));
    }
    Stmt del(h, "DELETE FROM tasks WHERE id = ?");
    for (int64_t id : gone) del.bind(1, id).exec();
  }
  Stmt tk(h,
          "INSERT INTO tasks (task_set, key, unit_id, agency, role, with_agencies, description_vi, description_en, "
          "indicators, targets, due, recurring, source_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
          "ON CONFLICT (task_set, key) DO UPDATE SET unit_id = excluded.unit_id, agency = excluded.agency, "
          "role = excluded.role, with_agencies = excluded.with_agencies, description_vi = excluded.description_vi, "
          "description_en = excluded.description_en, indicators = excluded.indicators, targets = excluded.targets, "
          "due = excluded.due, recurring = excluded.recurring, source_text = excluded.source_text");
  for (const TaskRecord& t : tasks) {
    tk.bind(1, set.id).bind(2, t.key).bind(3, t.unit.value).bind(4, t.agency).bind(5, kTaskRoles.code(t.role));
    tk.bind(6, join_codes(t.with)).bind(7, t.description_vi).bind(8, t.description_en);
    tk.bind(9, join_codes(t.indicators)).bind(10, join_codes(t.targets));
    bind_due(tk, 11, t.due);
    tk.bind(13, t.source_text);
    tk.exec();
  }

  Stmt(h, "DELETE FROM committee_members WHERE committee_id IN (SELECT id FROM committees WHERE task_set = ?)")
      .bind(1, set.id)
      .exec();
  Stmt(h, "DELETE FROM committees WHERE task_set = ?").bind(1, set.id).exec();
  Stmt cm(h, "INSERT INTO committees (task_set, unit_id, level, name_vi) VALUES (?,?,?,?)");
  for (const CommitteeRecord& c : committees) {
    cm.bind(1, set.id).bind(2, c.unit.value).bind(3, c.level).bind(4, c.name_vi).exec();
    if (auto s = replace_committee_members(sqlite3_last_insert_rowid(h), c.members); !s) return s;
  }
  return {};
}

std::vector<TaskSetRecord> SqliteStore::task_sets() {
  std::vector<TaskSetRecord> out;
  Stmt st(db_->handle(),
          "SELECT id, plan, unit_id, unit_code, unit_name, source_document, source_file, source_section, sha256, "
          "imported_at, (SELECT COUNT(*) FROM tasks t WHERE t.task_set = task_sets.id) FROM task_sets ORDER BY id");
  while (st.step()) {
    TaskSetRecord s;
    s.id = st.text(0);
    if (!st.is_null(1)) s.plan = std::string(st.text(1));
    s.unit = UnitId(st.i64(2)), s.unit_code = st.text(3), s.unit_name = st.text(4);
    s.source_document = st.text(5), s.source_file = st.text(6), s.source_section = st.text(7);
    s.sha256 = st.text(8), s.imported_at = st.text(9), s.tasks = st.i64(10);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<AgencyRecord> SqliteStore::agencies() {
  std::vector<AgencyRecord> out;
  Stmt st(db_->handle(), "SELECT unit_id, code, name_vi, name_en FROM agencies ORDER BY unit_id, code");
  while (st.step()) out.push_back({UnitId(st.i64(0)), std::string(st.text(1)), std::string(st.text(2)), std::string(st.text(3))});
  return out;
}

std::vector<TaskRecord> SqliteStore::tasks() {
  std::vector<TaskRecord> out;
  Stmt st(db_->handle(), std::string(kTaskColumns) + " ORDER BY task_set, key");
  while (st.step()) out.push_back(read_task(st));
  return out;
}

std::optional<TaskRecord> SqliteStore::find_task(int64_t id) {
  Stmt st(db_->handle(), std::string(kTaskColumns) + " WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_task(st);
}

Status SqliteStore::set_task_due(int64_t id, const TaskDue& due) {
  Stmt st(db_->handle(), "UPDATE tasks SET due = ?, recurring = ? WHERE id = ?");
  bind_due(st, 1, due);
  st.bind(3, id).exec();
  if (sqlite3_changes(db_->handle()) == 0)
    return Error::not_found("task", "không có nhiệm vụ mã " + std::to_string(id), "no task with id " + std::to_string(id));
  return {};
}

std::vector<CommitteeRecord> SqliteStore::committees() {
  std::vector<CommitteeRecord> out;
  Stmt st(db_->handle(), "SELECT id, task_set, unit_id, level, name_vi FROM committees ORDER BY unit_id, id");
  Stmt m(db_->handle(),
         "SELECT name, agency, position, start, end FROM committee_members WHERE committee_id = ? ORDER BY position_no");
  while (st.step()) {
    CommitteeRecord c;
    c.id = st.i64(0), c.task_set = st.text(1), c.unit = UnitId(st.i64(2)), c.level = st.text(3), c.name_vi = st.text(4);
    m.bind(1, c.id);
    while (m.step())
      c.members.push_back({std::string(m.text(0)), std::string(m.text(1)), std::string(m.text(2)), m.date(3), m.opt_date(4)});
    m.reset();
    out.push_back(std::move(c));
  }
  return out;
}

Status SqliteStore::replace_committee_members(int64_t committee, std::span<const CommitteeMemberRecord> members) {
  Stmt(db_->handle(), "DELETE FROM committee_members WHERE committee_id = ?").bind(1, committee).exec();
  Stmt st(db_->handle(),
          "INSERT INTO committee_members (committee_id, position_no, name, agency, position, start, end) VALUES (?,?,?,?,?,?,?)");
  int n = 0;
  for (const CommitteeMemberRecord& m : members) {
    st.bind(1, committee).bind(2, ++n).bind(3, m.name).bind(4, m.agency).bind(5, m.position).bind(6, m.start);
    st.bind_opt(7, m.end).exec();
  }
  return {};
}

Result<int64_t> SqliteStore::insert_task_update(const TaskUpdateRecord& u) {
  Stmt st(db_->handle(), "INSERT INTO task_updates (task_id, year, status, note, user_id, actor, at) VALUES (?,?,?,?,?,?,?)");
  st.bind(1, u.task).bind(2, u.year).bind(3, kTaskStatuses.code(u.status)).bind(4, u.note);
  st.bind_id(5, u.user ? u.user->value : 0).bind(6, u.actor).bind(7, u.at);
  st.exec();
  return int64_t(sqlite3_last_insert_rowid(db_->handle()));
}

std::vector<TaskUpdateRecord> SqliteStore::task_updates() {
  std::vector<TaskUpdateRecord> out;
  Stmt st(db_->handle(), "SELECT id, task_id, year, status, note, user_id, actor, at FROM task_updates ORDER BY task_id, id");
  while (st.step()) {
    TaskUpdateRecord u;
    u.id = st.i64(0), u.task = st.i64(1), u.year = st.i32(2);
    u.status = kTaskStatuses.parse(st.text(3), "status").value();
    u.note = st.text(4);
    if (!st.is_null(5)) u.user = UserId(st.i64(5));
    u.actor = st.text(6), u.at = st.text(7);
    out.push_back(std::move(u));
  }
  return out;
}

Status SqliteStore::set_agency_member(UserId user, const AgencyRecord& agency) {
  Stmt st(db_->handle(),
          "INSERT INTO agency_members (user_id, unit_id, agency) VALUES (?,?,?) ON CONFLICT (user_id) DO UPDATE SET "
          "unit_id = excluded.unit_id, agency = excluded.agency");
  st.bind(1, user.value).bind(2, agency.unit.value).bind(3, agency.code).exec();
  return {};
}

std::optional<AgencyRecord> SqliteStore::agency_of_member(UserId user) {
  Stmt st(db_->handle(),
          "SELECT a.unit_id, a.code, a.name_vi, a.name_en FROM agency_members m JOIN agencies a ON a.unit_id = m.unit_id "
          "AND a.code = m.agency WHERE m.user_id = ?");
  st.bind(1, user.value);
  if (!st.step()) return std::nullopt;
  return AgencyRecord{UnitId(st.i64(0)), std::string(st.text(1)), std::string(st.text(2)), std::string(st.text(3))};
}

}  // namespace danso::sqlite
