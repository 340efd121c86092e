// Training plans, courses, sessions, participants and group memberships in
// SQLite (store/training_store.h).
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

Status SqliteStore::insert_training_plan(const TrainingPlanRecord& p) {
  {
    Stmt exists(db_->handle(), "SELECT 1 FROM training_plans WHERE id = ?");
    exists.bind(1, p.id);
    if (exists.step())
      return Error{ErrorCode::kAlreadyExists, "id", "đã có kế hoạch đào tạo mã '" + p.id + "'",
                   "a training plan with id '" + p.id + "' already exists"};
  }
  Stmt plan(db_->handle(),
            "INSERT INTO training_plans (id, title, issuer, unit_id, unit_code, start, end, budget_vnd, sha256, "
            "imported_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
  plan.bind(1, p.id).bind(2, p.title).bind(3, p.issuer).bind(4, p.unit.value).bind(5, p.unit_code).bind(6, p.start);
  plan.bind(7, p.end).bind(8, p.budget_vnd).bind(9, p.sha256).bind(10, p.imported_at);
  plan.exec();
  Stmt kind(db_->handle(), "INSERT INTO training_course_kinds (plan, code, position, name_vi, months) VALUES (?,?,?,?,?)");
  for (size_t i = 0; i < p.course_kinds.size(); ++i) {
    const TrainingCourseKind& k = p.course_kinds[i];
    kind.bind(1, p.id).bind(2, k.code).bind(3, int64_t(i)).bind(4, k.name_vi);
    if (k.months) kind.bind(5, int64_t(*k.months));
    else kind.bind_null(5);
    kind.exec();
  }
  Stmt group(db_->handle(), "INSERT INTO training_groups (plan, code, position, name_vi, name_en) VALUES (?,?,?,?,?)");
  for (size_t i = 0; i < p.groups.size(); ++i) {
    group.bind(1, p.id).bind(2, p.groups[i].code).bind(3, int64_t(i)).bind(4, p.groups[i].name_vi);
    group.bind(5, p.groups[i].name_en).exec();
  }
  Stmt target(db_->handle(),
              "INSERT INTO training_targets (plan, group_code, course_kind, position, percent, by_year, every_year, "
              "source_text) VALUES (?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < p.targets.size(); ++i) {
    const TrainingTarget& t = p.targets[i];
    target.bind(1, p.id).bind(2, t.group).bind(3, t.course_kind).bind(4, int64_t(i)).bind(5, t.percent);
    target.bind(6, int64_t(t.by_year)).bind(7, t.every_year).bind(8, t.source_text).exec();
  }
  Stmt role(db_->handle(), "INSERT INTO training_role_groups (plan, role, group_code) VALUES (?,?,?)");
  for (const TrainingRoleGroup& r : p.role_groups)
    role.bind(1, p.id).bind(2, std::string(kStaffRoles.code(r.role))).bind(3, r.group).exec();
  return {};
}

std::vector<TrainingPlanRecord> SqliteStore::training_plans() {
  std::vector<TrainingPlanRecord> out;
  Stmt st(db_->handle(),
          "SELECT id, title, issuer, unit_id, unit_code, start, end, budget_vnd, sha256, imported_at "
          "FROM training_plans ORDER BY id");
  while (st.step()) {
    TrainingPlanRecord p;
    p.id = st.text(0), p.title = st.text(1), p.issuer = st.text(2), p.unit = UnitId(st.i64(3));
    p.unit_code = st.text(4), p.start = st.date(5), p.end = st.date(6), p.budget_vnd = st.i64(7);
    p.sha256 = st.text(8), p.imported_at = st.text(9);
    out.push_back(std::move(p));
  }
  Stmt kinds(db_->handle(), "SELECT code, name_vi, months FROM training_course_kinds WHERE plan = ? ORDER BY position");
  Stmt groups(db_->handle(), "SELECT code, name_vi, name_en FROM training_groups WHERE plan = ? ORDER BY position");
  Stmt targets(db_->handle(),
               "SELECT group_code, course_kind, percent, by_year, every_year, source_text FROM training_targets "
               "WHERE plan = ? ORDER BY position");
  Stmt roles(db_->handle(), "SELECT role, group_code FROM training_role_groups WHERE plan = ? ORDER BY role");
  for (TrainingPlanRecord& p : out) {
    kinds.bind(1, p.id);
    while (kinds.step())
      p.course_kinds.push_back({std::string(kinds.text(0)), std::string(kinds.text(1)),
                                kinds.is_null(2) ? std::nullopt : std::optional<int>(kinds.i32(2))});
    kinds.reset();
    groups.bind(1, p.id);
    while (groups.step()) p.groups.push_back({std::string(groups.text(0)), std::string(groups.text(1)), std::string(groups.text(2))});
    groups.reset();
    targets.bind(1, p.id);
    while (targets.step())
      p.targets.push_back({std::string(targets.text(0)), std::string(targets.text(1)), targets.f64(2), targets.i32(3),
                           targets.i64(4) != 0, std::string(targets.text(5))});
    targets.reset();
    roles.bind(1, p.id);
    while (roles.step())
      if (auto r = kStaffRoles.find(roles.text(0))) p.role_groups.push_back({*r, std::string(roles.text(1))});
    roles.reset();
  }
  return out;
}

Status SqliteStore::upsert_training_sessions(std::span<const TrainingCourseRecord> courses,
                                             std::span<const TrainingSessionRecord> sessions) {
  Stmt course(db_->handle(),
              "INSERT INTO training_courses (id, plan, title, kind) VALUES (?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
              "plan = excluded.plan, title = excluded.title, kind = excluded.kind");
  for (const TrainingCourseRecord& c : courses) course.bind(1, c.id).bind(2, c.plan).bind(3, c.title).bind(4, c.kind).exec();
  Stmt session(db_->handle(),
               "INSERT INTO training_sessions (id, course, unit_id, unit_code, start, end, place, cost_vnd) "
               "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET course = excluded.course, unit_id = "
               "excluded.unit_id, unit_code = excluded.unit_code, start = excluded.start, end = excluded.end, "
               "place = excluded.place, cost_vnd = excluded.cost_vnd");
  for (const TrainingSessionRecord& s : sessions) {
    session.bind(1, s.id).bind(2, s.course).bind(3, s.unit.value).bind(4, s.unit_code).bind(5, s.start);
    session.bind(6, s.end).bind(7, s.place).bind(8, s.cost_vnd).exec();
  }
  return {};
}

std::vector<TrainingCourseRecord> SqliteStore::training_courses() {
  std::vector<TrainingCourseRecord> out;
  Stmt st(db_->handle(), "SELECT id, plan, title, kind FROM training_courses ORDER BY id");
  while (st.step()) out.push_back({std::string(st.text(0)), std::string(st.text(1)), std::string(st.text(2)), std::string(st.text(3))});
  return out;
}

std::vector<TrainingSessionRecord> SqliteStore::training_sessions() {
  std::vector<TrainingSessionRecord> out;
  Stmt st(db_->handle(),
          "SELECT id, course, unit_id, unit_code, start, end, place, cost_vnd FROM training_sessions ORDER BY start, id");
  while (st.step()) {
    TrainingSessionRecord s;
    s.id = st.text(0), s.course = st.text(1), s.unit = UnitId(st.i64(2)), s.unit_code = st.text(3);
    s.start = st.date(4), s.end = st.date(5), s.place = st.text(6), s.cost_vnd = st.i64(7);
    out.push_back(std::move(s));
  }
  return out;
}

Status SqliteStore::upsert_training_participants(std::span<const TrainingParticipantRecord> rows) {
  Stmt st(db_->handle(),
          "INSERT INTO training_participants (session, staff_id, attended, completed, completed_on) VALUES (?,?,?,?,?) "
          "ON CONFLICT (session, staff_id) DO UPDATE SET attended = excluded.attended, completed = excluded.completed, "
          "completed_on = excluded.completed_on");
  for (const TrainingParticipantRecord& p : rows)
    st.bind(1, p.session).bind(2, p.staff.value).bind(3, p.attended).bind(4, p.completed).bind_opt(5, p.completed_on).exec();
  return {};
}

std::vector<TrainingParticipantRecord> SqliteStore::training_participants() {
  std::vector<TrainingParticipantRecord> out;
  Stmt st(db_->handle(),
          "SELECT session, staff_id, attended, completed, completed_on FROM training_participants ORDER BY session, staff_id");
  while (st.step())
    out.push_back({std::string(st.text(0)), StaffId(st.i64(1)), st.i64(2) != 0, st.i64(3) != 0, st.opt_date(4)});
  return out;
}

std::vector<CourseCompletion> SqliteStore::training_completions() {
  std::vector<CourseCompletion> out;
  Stmt st(db_->handle(),
          "SELECT p.staff_id, c.kind, p.completed_on FROM training_participants p "
          "JOIN training_sessions s ON s.id = p.session JOIN training_courses c ON c.id = s.course "
          "WHERE p.completed = 1 ORDER BY p.staff_id, p.completed_on");
  while (st.step()) out.push_back({StaffId(st.i64(0)), std::string(st.text(1)), st.date(2)});
  return out;
}

Status SqliteStore::upsert_group_memberships(std::span<const TrainingMemberRecord> rows) {
  Stmt st(db_->handle(),
          "INSERT INTO training_memberships (staff_id, group_code, unit_id, unit_code, start, end) VALUES (?,?,?,?,?,?) "
          "ON CONFLICT (staff_id, group_code, start) DO UPDATE SET unit_id = excluded.unit_id, unit_code = "
          "excluded.unit_code, end = excluded.end");
  for (const TrainingMemberRecord& r : rows) {
    const GroupMembership& m = r.membership;
    st.bind(1, m.person.value).bind(2, m.group).bind(3, m.unit.value).bind(4, r.unit_code).bind(5, m.start);
    st.bind_opt(6, m.end).exec();
  }
  return {};
}

std::vector<TrainingMemberRecord> SqliteStore::group_memberships() {
  std::vector<TrainingMemberRecord> out;
  Stmt st(db_->handle(),
          "SELECT staff_id, group_code, unit_id, unit_code, start, end FROM training_memberships "
          "ORDER BY staff_id, group_code, start");
  while (st.step()) {
    TrainingMemberRecord r;
    r.membership = {StaffId(st.i64(0)), std::string(st.text(1)), UnitId(st.i64(2)), st.date(4), st.opt_date(5)};
    r.unit_code = st.text(3);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace danso::sqlite
