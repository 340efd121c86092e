// Agencies, committees, tasks and their progress on PostgreSQL
// (store/task_store.h). Text is ordered by its bytes (COLLATE "C"), as
// SQLite orders it; committees and tasks take the next id after the
// largest, as SQLite gives a rowid.
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

// Lists of codes ([a-z0-9_]) are kept comma-separated.
std::string pg_join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> pg_split_codes(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

constexpr const char* kPgTaskColumns =
    "SELECT id, task_set, key, unit_id, agency, role, with_agencies, description_vi, description_en, indicators, "
    "targets, due, recurring, source_text FROM tasks";

TaskRecord pg_read_task(const PgResult& st, int i) {
  TaskRecord t;
  t.id = st.i64(i, 0), t.task_set = st.text(i, 1), t.key = st.text(i, 2), t.unit = UnitId(st.i64(i, 3));
  t.agency = st.text(i, 4);
  t.role = kTaskRoles.parse(st.text(i, 5), "role").value();
  t.with = pg_split_codes(st.text(i, 6));
  t.description_vi = st.text(i, 7), t.description_en = st.text(i, 8);
  t.indicators = pg_split_codes(st.text(i, 9)), t.targets = pg_split_codes(st.text(i, 10));
  t.due.first = st.opt_date(i, 11);
  if (!st.is_null(i, 12)) t.due.yearly = parse_recurrence(st.text(i, 12), "recurring").value();
  t.source_text = st.text(i, 13);
  return t;
}

Params& pg_add_due(Params& p, const TaskDue& due) {
  p.opt(due.first);
  if (due.yearly) p.add(format_recurrence(*due.yearly));
  else p.null();
  return p;
}

}  // namespace

Status PgStore::replace_task_set(const TaskSetRecord& set, std::span<const AgencyRecord> agencies,
                                 std::span<const CommitteeRecord> committees, std::span<const TaskRecord> tasks) {
  Params ts;
  ts.add(set.id);
  if (set.plan) ts.add(*set.plan);
  else ts.null();
  ts.add(set.unit.value).add(set.unit_code).add(set.unit_name).add(set.source_document).add(set.source_file);
  ts.add(set.source_section).add(set.sha256).instant(set.imported_at);
  conn_->query(
      "INSERT INTO task_sets (id, plan, unit_id, unit_code, unit_name, source_document, source_file, source_section, "
      "sha256, imported_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (id) DO UPDATE SET plan = "
      "EXCLUDED.plan, unit_id = EXCLUDED.unit_id, unit_code = EXCLUDED.unit_code, unit_name = EXCLUDED.unit_name, "
      "source_document = EXCLUDED.source_document, source_file = EXCLUDED.source_file, "
      "source_section = EXCLUDED.source_section, sha256 = EXCLUDED.sha256, imported_at = EXCLUDED.imported_at",
      ts);
  for (const AgencyRecord& a : agencies)
    conn_->query(
        "INSERT INTO agencies (unit_id, code, name_vi, name_en) VALUES ($1,$2,$3,$4) ON CONFLICT (unit_id, code) DO "
        "UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en",
        Params().add(a.unit.value).add(a.code).add(a.name_vi).add(a.name_en));

  // A task of the set that the new file no longer has: removed, unless progress was posted on it.
  {
    PgResult old = conn_->query(
        "SELECT id, key, (SELECT COUNT(*) FROM task_updates u WHERE u.task_id = tasks.id) FROM tasks "
        "WHERE task_set = $1 ORDER BY id",
        Params().add(set.id));
    std::vector<int64_t> gone;
    for (int i = 0; i < old.rows(); ++i) {
      const std::string key(old.text(i, 1));
      bool kept = false;
      for (const TaskRecord& t : tasks) kept = kept || t.key == key;
      if (kept) continue;
      if (old.i64(i, 2) > 0)
        return Error{ErrorCode::kFailedPrecondition, "tasks",
                     "nhiệm vụ '" + key + "' của bộ '" + set.id + "' đã có báo cáo tiến độ nên không bỏ được; tệp mới phải giữ nó",
                     "task '" + key + "' of set '" + set.id + "' has progress posted and cannot be removed; the new file must keep it"};
      gone.push_back(old.i64(i, 0));
    }
    for (int64_t id : gone) conn_->query("DELETE FROM tasks WHERE id = $1", Params().add(id));
  }
  for (const TaskRecord& t : tasks) {
    Params p;
    p.add(set.id).add(t.key).add(t.unit.value).add(t.agency).add(kTaskRoles.code(t.role)).add(pg_join_codes(t.with));
    p.add(t.description_vi).add(t.description_en).add(pg_join_codes(t.indicators)).add(pg_join_codes(t.targets));
    pg_add_due(p, t.due).add(t.source_text);
    conn_->query(
        "INSERT INTO tasks (id, task_set, key, unit_id, agency, role, with_agencies, description_vi, description_en, "
        "indicators, targets, due, recurring, source_text) VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM tasks), "
        "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) "
        "ON CONFLICT (task_set, key) DO UPDATE SET unit_id = EXCLUDED.unit_id, agency = EXCLUDED.agency, "
        "role = EXCLUDED.role, with_agencies = EXCLUDED.with_agencies, description_vi = EXCLUDED.description_vi, "
        "description_en = EXCLUDED.description_en, indicators = EXCLUDED.indicators, targets = EXCLUDED.targets, "
        "due = EXCLUDED.due, recurring = EXCLUDED.recurring, source_text = EXCLUDED.source_text",
        p);
  }

  conn_->query("DELETE FROM committee_members WHERE committee_id IN (SELECT id FROM committees WHERE task_set = $1)",
               Params().add(set.id));
  conn_->query("DELETE FROM committees WHERE task_set = $1", Params().add(set.id));
  for (const CommitteeRecord& c : committees) {
    const int64_t id =
        conn_
            ->query("INSERT INTO committees (id, task_set, unit_id, level, name_vi) VALUES "
                    "((SELECT COALESCE(MAX(id), 0) + 1 FROM committees), $1,$2,$3,$4) RETURNING id",
                    Params().add(set.id).add(c.unit.value).add(c.level).add(c.name_vi))
            .i64(0, 0);
    if (auto s = replace_committee_members(id, c.members); !s) return s;
  }
  return {};
}

std::vector<TaskSetRecord> PgStore::task_sets() {
  std::vector<TaskSetRecord> out;
  PgResult st = conn_->query(
      "SELECT id, plan, unit_id, unit_code, unit_name, source_document, source_file, source_section, sha256, "
      "danso_instant(imported_at), (SELECT COUNT(*) FROM tasks t WHERE t.task_set = task_sets.id) FROM task_sets "
      "ORDER BY id COLLATE \"C\"");
  for (int i = 0; i < st.rows(); ++i) {
    TaskSetRecord s;
    s.id = st.text(i, 0);
    if (!st.is_null(i, 1)) s.plan = std::string(st.text(i, 1));
    s.unit = UnitId(st.i64(i, 2)), s.unit_code = st.text(i, 3), s.unit_name = st.text(i, 4);
    s.source_document = st.text(i, 5), s.source_file = st.text(i, 6), s.source_section = st.text(i, 7);
    s.sha256 = st.text(i, 8), s.imported_at = st.text(i, 9), s.tasks = st.i64(i, 10);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<AgencyRecord> PgStore::agencies() {
  std::vector<AgencyRecord> out;
  PgResult st = conn_->query("SELECT unit_id, code, name_vi, name_en FROM agencies ORDER BY unit_id, code COLLATE \"C\"");
  for (int i = 0; i < st.rows(); ++i)
    out.push_back({UnitId(st.i64(i, 0)), std::string(st.text(i, 1)), std::string(st.text(i, 2)),
                   std::string(st.text(i, 3))});
  return out;
}

std::vector<TaskRecord> PgStore::tasks() {
  std::vector<TaskRecord> out;
  PgResult st = conn_->query(std::string(kPgTaskColumns) + " ORDER BY task_set COLLATE \"C\", key COLLATE \"C\"");
  for (int i = 0; i < st.rows(); ++i) out.push_back(pg_read_task(st, i));
  return out;
}

std::optional<TaskRecord> PgStore::find_task(int64_t id) {
  PgResult st = conn_->query(std::string(kPgTaskColumns) + " WHERE id = $1", Params().add(id));
  if (!st.rows()) return std::nullopt;
  return pg_read_task(st, 0);
}

Status PgStore::set_task_due(int64_t id, const TaskDue& due) {
  Params p;
  pg_add_due(p, due).add(id);
  if (conn_->query("UPDATE tasks SET due = $1, recurring = $2 WHERE id = $3", p).affected() == 0)
    return Error::not_found("task", "không có nhiệm vụ mã " + std::to_string(id), "no task with id " + std::to_string(id));
  return {};
}

std::vector<CommitteeRecord> PgStore::committees() {
  std::vector<CommitteeRecord> out;
  PgResult st = conn_->query("SELECT id, task_set, unit_id, level, name_vi FROM committees ORDER BY unit_id, id");
  for (int i = 0; i < st.rows(); ++i) {
    CommitteeRecord c;
    c.id = st.i64(i, 0), c.task_set = st.text(i, 1), c.unit = UnitId(st.i64(i, 2)), c.level = st.text(i, 3);
    c.name_vi = st.text(i, 4);
    PgResult m = conn_->query(
        "SELECT name, agency, position, start, \"end\" FROM committee_members WHERE committee_id = $1 "
        "ORDER BY position_no",
        Params().add(c.id));
    for (int k = 0; k < m.rows(); ++k)
      c.members.push_back({std::string(m.text(k, 0)), std::string(m.text(k, 1)), std::string(m.text(k, 2)),
                           m.date(k, 3), m.opt_date(k, 4)});
    out.push_back(std::move(c));
  }
  return out;
}

Status PgStore::replace_committee_members(int64_t committee, std::span<const CommitteeMemberRecord> members) {
  conn_->query("DELETE FROM committee_members WHERE committee_id = $1", Params().add(committee));
  int n = 0;
  for (const CommitteeMemberRecord& m : members)
    conn_->query(
        "INSERT INTO committee_members (committee_id, position_no, name, agency, position, start, \"end\") "
        "VALUES ($1,$2,$3,$4,$5,$6,$7)",
        Params().add(committee).add(++n).add(m.name).add(m.agency).add(m.position).add(m.start).opt(m.end));
  return {};
}

Result<int64_t> PgStore::insert_task_update(const TaskUpdateRecord& u) {
  return conn_
      ->query("INSERT INTO task_updates (task_id, year, status, note, user_id, actor, at) VALUES ($1,$2,$3,$4,$5,$6,$7) "
              "RETURNING id",
              Params()
                  .add(u.task)
                  .add(u.year)
                  .add(kTaskStatuses.code(u.status))
                  .add(u.note)
                  .id(u.user ? u.user->value : 0)
                  .add(u.actor)
                  .instant(u.at))
      .i64(0, 0);
}

std::vector<TaskUpdateRecord> PgStore::task_updates() {
  std::vector<TaskUpdateRecord> out;
  PgResult st = conn_->query(
      "SELECT id, task_id, year, status, note, user_id, actor, danso_instant(at) FROM task_updates ORDER BY task_id, id");
  for (int i = 0; i < st.rows(); ++i) {
    TaskUpdateRecord u;
    u.id = st.i64(i, 0), u.task = st.i64(i, 1), u.year = st.i32(i, 2);
    u.status = kTaskStatuses.parse(st.text(i, 3), "status").value();
    u.note = st.text(i, 4);
    if (!st.is_null(i, 5)) u.user = UserId(st.i64(i, 5));
    u.actor = st.text(i, 6), u.at = st.text(i, 7);
    out.push_back(std::move(u));
  }
  return out;
}

Status PgStore::set_agency_member(UserId user, const AgencyRecord& agency) {
  conn_->query(
      "INSERT INTO agency_members (user_id, unit_id, agency) VALUES ($1,$2,$3) ON CONFLICT (user_id) DO UPDATE SET "
      "unit_id = EXCLUDED.unit_id, agency = EXCLUDED.agency",
      Params().add(user.value).add(agency.unit.value).add(agency.code));
  return {};
}

std::optional<AgencyRecord> PgStore::agency_of_member(UserId user) {
  PgResult st = conn_->query(
      "SELECT a.unit_id, a.code, a.name_vi, a.name_en FROM agency_members m JOIN agencies a ON a.unit_id = m.unit_id "
      "AND a.code = m.agency WHERE m.user_id = $1",
      Params().add(user.value));
  if (!st.rows()) return std::nullopt;
  return AgencyRecord{UnitId(st.i64(0, 0)), std::string(st.text(0, 1)), std::string(st.text(0, 2)),
                      std::string(st.text(0, 3))};
}

}  // namespace danso::pg
