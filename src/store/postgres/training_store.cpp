// Training plans, courses, sessions, participants and group memberships on
// PostgreSQL (store/training_store.h). Text is ordered by its bytes
// (COLLATE "C"), as SQLite orders it.
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

Status PgStore::insert_training_plan(const TrainingPlanRecord& p) {
  if (conn_->query("SELECT 1 FROM training_plans WHERE id = $1", Params().add(p.id)).rows())
    return Error{ErrorCode::kAlreadyExists, "id", "đã có kế hoạch đào tạo mã '" + p.id + "'",
                 "a training plan with id '" + p.id + "' already exists"};
  conn_->query(
      "INSERT INTO training_plans (id, title, issuer, unit_id, unit_code, start, \"end\", budget_vnd, sha256, "
      "imported_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
      Params()
          .add(p.id)
          .add(p.title)
          .add(p.issuer)
          .add(p.unit.value)
          .add(p.unit_code)
          .add(p.start)
          .add(p.end)
          .add(p.budget_vnd)
          .add(p.sha256)
          .instant(p.imported_at));
  for (size_t i = 0; i < p.course_kinds.size(); ++i) {
    const TrainingCourseKind& k = p.course_kinds[i];
    Params params;
    params.add(p.id).add(k.code).add(int64_t(i)).add(k.name_vi);
    if (k.months) params.add(int64_t(*k.months));
    else params.null();
    conn_->query("INSERT INTO training_course_kinds (plan, code, position, name_vi, months) VALUES ($1,$2,$3,$4,$5)",
                 params);
  }
  for (size_t i = 0; i < p.groups.size(); ++i)
    conn_->query("INSERT INTO training_groups (plan, code, position, name_vi, name_en) VALUES ($1,$2,$3,$4,$5)",
                 Params().add(p.id).add(p.groups[i].code).add(int64_t(i)).add(p.groups[i].name_vi).add(p.groups[i].name_en));
  for (size_t i = 0; i < p.targets.size(); ++i) {
    const TrainingTarget& t = p.targets[i];
    conn_->query(
        "INSERT INTO training_targets (plan, group_code, course_kind, position, percent, by_year, every_year, "
        "source_text) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
        Params()
            .add(p.id)
            .add(t.group)
            .add(t.course_kind)
            .add(int64_t(i))
            .add(t.percent)
            .add(int64_t(t.by_year))
            .add(bool(t.every_year))
            .add(t.source_text));
  }
  for (const TrainingRoleGroup& r : p.role_groups)
    conn_->query("INSERT INTO training_role_groups (plan, role, group_code) VALUES ($1,$2,$3)",
                 Params().add(p.id).add(std::string(kStaffRoles.code(r.role))).add(r.group));
  return {};
}

std::vector<TrainingPlanRecord> PgStore::training_plans() {
  std::vector<TrainingPlanRecord> out;
  PgResult st = conn_->query(
      "SELECT id, title, issuer, unit_id, unit_code, start, \"end\", budget_vnd, sha256, danso_instant(imported_at) "
      "FROM training_plans ORDER BY id COLLATE \"C\"");
  for (int i = 0; i < st.rows(); ++i) {
    TrainingPlanRecord p;
    p.id = st.text(i, 0), p.title = st.text(i, 1), p.issuer = st.text(i, 2), p.unit = UnitId(st.i64(i, 3));
    p.unit_code = st.text(i, 4), p.start = st.date(i, 5), p.end = st.date(i, 6), p.budget_vnd = st.i64(i, 7);
    p.sha256 = st.text(i, 8), p.imported_at = st.text(i, 9);
    out.push_back(std::move(p));
  }
  for (TrainingPlanRecord& p : out) {
    const Params plan = Params().add(p.id);
    PgResult kinds =
        conn_->query("SELECT code, name_vi, months FROM training_course_kinds WHERE plan = $1 ORDER BY position", plan);
    for (int i = 0; i < kinds.rows(); ++i)
      p.course_kinds.push_back({std::string(kinds.text(i, 0)), std::string(kinds.text(i, 1)),
                                kinds.is_null(i, 2) ? std::nullopt : std::optional<int>(kinds.i32(i, 2))});
    PgResult groups =
        conn_->query("SELECT code, name_vi, name_en FROM training_groups WHERE plan = $1 ORDER BY position", plan);
    for (int i = 0; i < groups.rows(); ++i)
      p.groups.push_back({std::string(groups.text(i, 0)), std::string(groups.text(i, 1)), std::string(groups.text(i, 2))});
    PgResult targets = conn_->query(
        "SELECT group_code, course_kind, percent, by_year, every_year, source_text FROM training_targets "
        "WHERE plan = $1 ORDER BY position",
        plan);
    for (int i = 0; i < targets.rows(); ++i)
      p.targets.push_back({std::string(targets.text(i, 0)), std::string(targets.text(i, 1)), targets.f64(i, 2),
                           targets.i32(i, 3), targets.boolean(i, 4), std::string(targets.text(i, 5))});
    PgResult roles = conn_->query(
        "SELECT role, group_code FROM training_role_groups WHERE plan = $1 ORDER BY role COLLATE \"C\"", plan);
    for (int i = 0; i < roles.rows(); ++i)
      if (auto r = kStaffRoles.find(roles.text(i, 0))) p.role_groups.push_back({*r, std::string(roles.text(i, 1))});
  }
  return out;
}

Status PgStore::upsert_training_sessions(std::span<const TrainingCourseRecord> courses,
                                         std::span<const TrainingSessionRecord> sessions) {
  for (const TrainingCourseRecord& c : courses)
    conn_->query(
        "INSERT INTO training_courses (id, plan, title, kind) VALUES ($1,$2,$3,$4) ON CONFLICT (id) DO UPDATE SET "
        "plan = EXCLUDED.plan, title = EXCLUDED.title, kind = EXCLUDED.kind",
        Params().add(c.id).add(c.plan).add(c.title).add(c.kind));
  for (const TrainingSessionRecord& s : sessions)
    conn_->query(
        "INSERT INTO training_sessions (id, course, unit_id, unit_code, start, \"end\", place, cost_vnd) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (id) DO UPDATE SET course = EXCLUDED.course, unit_id = "
        "EXCLUDED.unit_id, unit_code = EXCLUDED.unit_code, start = EXCLUDED.start, \"end\" = EXCLUDED.\"end\", "
        "place = EXCLUDED.place, cost_vnd = EXCLUDED.cost_vnd",
        Params().add(s.id).add(s.course).add(s.unit.value).add(s.unit_code).add(s.start).add(s.end).add(s.place).add(
            s.cost_vnd));
  return {};
}

std::vector<TrainingCourseRecord> PgStore::training_courses() {
  std::vector<TrainingCourseRecord> out;
  PgResult st = conn_->query("SELECT id, plan, title, kind FROM training_courses ORDER BY id COLLATE \"C\"");
  for (int i = 0; i < st.rows(); ++i)
    out.push_back({std::string(st.text(i, 0)), std::string(st.text(i, 1)), std::string(st.text(i, 2)),
                   std::string(st.text(i, 3))});
  return out;
}

std::vector<TrainingSessionRecord> PgStore::training_sessions() {
  std::vector<TrainingSessionRecord> out;
  PgResult st = conn_->query(
      "SELECT id, course, unit_id, unit_code, start, \"end\", place, cost_vnd FROM training_sessions "
      "ORDER BY start, id COLLATE \"C\"");
  for (int i = 0; i < st.rows(); ++i) {
    TrainingSessionRecord s;
    s.id = st.text(i, 0), s.course = st.text(i, 1), s.unit = UnitId(st.i64(i, 2)), s.unit_code = st.text(i, 3);
    s.start = st.date(i, 4), s.end = st.date(i, 5), s.place = st.text(i, 6), s.cost_vnd = st.i64(i, 7);
    out.push_back(std::move(s));
  }
  return out;
}

Status PgStore::upsert_training_participants(std::span<const TrainingParticipantRecord> rows) {
  for (const TrainingParticipantRecord& p : rows)
    conn_->query(
        "INSERT INTO training_participants (session, staff_id, attended, completed, completed_on) "
        "VALUES ($1,$2,$3,$4,$5) ON CONFLICT (session, staff_id) DO UPDATE SET attended = EXCLUDED.attended, "
        "completed = EXCLUDED.completed, completed_on = EXCLUDED.completed_on",
        Params().add(p.session).add(p.staff.value).add(bool(p.attended)).add(bool(p.completed)).opt(p.completed_on));
  return {};
}

std::vector<TrainingParticipantRecord> PgStore::training_participants() {
  std::vector<TrainingParticipantRecord> out;
  PgResult st = conn_->query(
      "SELECT session, staff_id, attended, completed, completed_on FROM training_participants "
      "ORDER BY session COLLATE \"C\", staff_id");
  for (int i = 0; i < st.rows(); ++i)
    out.push_back({std::string(st.text(i, 0)), StaffId(st.i64(i, 1)), st.boolean(i, 2), st.boolean(i, 3),
                   st.opt_date(i, 4)});
  return out;
}

std::vector<CourseCompletion> PgStore::training_completions() {
  std::vector<CourseCompletion> out;
  PgResult st = conn_->query(
      "SELECT p.staff_id, c.kind, p.completed_on FROM training_participants p "
      "JOIN training_sessions s ON s.id = p.session JOIN training_courses c ON c.id = s.course "
      "WHERE p.completed ORDER BY p.staff_id, p.completed_on");
  for (int i = 0; i < st.rows(); ++i) out.push_back({StaffId(st.i64(i, 0)), std::string(st.text(i, 1)), st.date(i, 2)});
  return out;
}

Status PgStore::upsert_group_memberships(std::span<const TrainingMemberRecord> rows) {
  for (const TrainingMemberRecord& r : rows) {
    const GroupMembership& m = r.membership;
    conn_->query(
        "INSERT INTO training_memberships (staff_id, group_code, unit_id, unit_code, start, \"end\") "
        "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (staff_id, group_code, start) DO UPDATE SET unit_id = "
        "EXCLUDED.unit_id, unit_code = EXCLUDED.unit_code, \"end\" = EXCLUDED.\"end\"",
        Params().add(m.person.value).add(m.group).add(m.unit.value).add(r.unit_code).add(m.start).opt(m.end));
  }
  return {};
}

std::vector<TrainingMemberRecord> PgStore::group_memberships() {
  std::vector<TrainingMemberRecord> out;
  PgResult st = conn_->query(
      "SELECT staff_id, group_code, unit_id, unit_code, start, \"end\" FROM training_memberships "
      "ORDER BY staff_id, group_code COLLATE \"C\", start");
  for (int i = 0; i < st.rows(); ++i) {
    TrainingMemberRecord r;
    r.membership = {StaffId(st.i64(i, 0)), std::string(st.text(i, 1)), UnitId(st.i64(i, 2)), st.date(i, 4),
                    st.opt_date(i, 5)};
    r.unit_code = st.text(i, 3);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace danso::pg
