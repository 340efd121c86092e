// The programme's plans in SQLite: plans with their targets, goals and
// notes, and the figures entered by hand (store/plan_store.h).
#include "store/sqlite/sqlite_store_impl.h"

namespace danso::sqlite {

namespace {

constexpr const char* kPlanColumns =
    "SELECT id, number, title, issuer, issued_on, unit_id, unit_code, unit_name, start, end, source_document, "
    "source_file, source_section, imported_at FROM plans ";

}  // namespace

Result<int64_t> SqliteStore::insert_plan(const PlanRecord& r) {
  const Plan& p = r.plan;
  {
    Stmt exists(db_->handle(), "SELECT id FROM plans WHERE number = ?");
    exists.bind(1, p.number);
    if (exists.step())
      return Error{ErrorCode::kAlreadyExists, "number", "đã có kế hoạch số '" + p.number + "'",
                   "a plan numbered '" + p.number + "' already exists"};
  }
  Stmt st(db_->handle(),
          "INSERT INTO plans (number, title, issuer, issued_on, unit_id, unit_code, unit_name, start, end, "
          "source_document, source_file, source_section, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, p.number).bind(2, p.title).bind(3, p.issuer).bind_opt(4, p.issued_on).bind(5, r.unit.value);
  st.bind(6, p.unit_code).bind(7, p.unit_name).bind(8, p.start).bind(9, p.end).bind(10, p.source_document);
  st.bind(11, p.source_file).bind(12, p.source_section).bind(13, r.imported_at);
  st.exec();
  const int64_t id = sqlite3_last_insert_rowid(db_->handle());
  Stmt target(db_->handle(),
              "INSERT INTO plan_targets (plan_id, key, position, indicator, name_vi, name_en, measure_unit, "
              "baseline_year, baseline_value, source_text) VALUES (?,?,?,?,?,?,?,?,?,?)");
  Stmt goal(db_->handle(),
            "INSERT INTO plan_goals (plan_id, target_key, year, kind, value, tolerance, mode, direction) "
            "VALUES (?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < p.targets.size(); ++i) {
    const PlanTarget& t = p.targets[i];
    target.bind(1, id).bind(2, t.key).bind(3, int64_t(i)).bind_text_or_null(4, t.indicator.value_or(""));
    target.bind(5, t.name_vi).bind(6, t.name_en).bind(7, t.measure_unit);
    target.bind_opt(8, t.baseline.year);
    target.bind_opt(9, t.baseline.value).bind(10, t.source_text);
    target.exec();
    for (const Goal& g : t.goals) {
      goal.bind(1, id).bind(2, t.key).bind(3, g.year).bind(4, kGoalKinds.code(g.kind));
      goal.bind_opt(5, g.value).bind_opt(6, g.tolerance).bind(7, kChangeModes.code(g.mode));
      goal.bind_text_or_null(8, g.direction ? kChangeDirections.code(*g.direction) : "");
      goal.exec();
    }
  }
  Stmt note(db_->handle(), "INSERT INTO plan_notes (plan_id, position, vi, en) VALUES (?,?,?,?)");
  for (size_t i = 0; i < p.notes.size(); ++i) note.bind(1, id).bind(2, int64_t(i)).bind(3, p.notes[i].vi).bind(4, p.notes[i].en).exec();
  return id;
}

std::vector<PlanRecord> SqliteStore::read_plans(std::optional<int64_t> only) {
  std::vector<PlanRecord> out;
  Stmt st(db_->handle(), std::string(kPlanColumns) + (only ? "WHERE id = ? " : "") + "ORDER BY id");
  if (only) st.bind(1, *only);
  while (st.step()) {
    PlanRecord r;
    Plan& p = r.plan;
    p.id = st.i64(0);
    p.number = st.text(1), p.title = st.text(2), p.issuer = st.text(3);
    if (!st.is_null(4)) p.issued_on = Date::parse(st.text(4)).value();
    r.unit = UnitId(st.i64(5));
    p.unit_code = st.text(6), p.unit_name = st.text(7);
    p.start = Date::parse(st.text(8)).value(), p.end = Date::parse(st.text(9)).value();
    p.source_document = st.text(10), p.source_file = st.text(11), p.source_section = st.text(12);
    r.imported_at = st.text(13);
    out.push_back(std::move(r));
  }
  for (PlanRecord& r : out) {
    Plan& p = r.plan;
    Stmt t(db_->handle(),
           "SELECT key, indicator, name_vi, name_en, measure_unit, baseline_year, baseline_value, source_text "
           "FROM plan_targets WHERE plan_id = ? ORDER BY position");
    t.bind(1, p.id);
    while (t.step()) {
      PlanTarget pt;
      pt.key = t.text(0);
      if (!t.is_null(1)) pt.indicator = std::string(t.text(1));
      pt.name_vi = t.text(2), pt.name_en = t.text(3), pt.measure_unit = t.text(4);
      if (!t.is_null(5)) pt.baseline.year = t.i32(5);
      pt.baseline.value = t.opt_f64(6);
      pt.source_text = t.text(7);
      p.targets.push_back(std::move(pt));
    }
    Stmt g(db_->handle(),
           "SELECT target_key, year, kind, value, tolerance, mode, direction FROM plan_goals WHERE plan_id = ? "
           "ORDER BY target_key, year");
    g.bind(1, p.id);
    while (g.step()) {
      const std::string key(g.text(0));
      for (PlanTarget& pt : p.targets) {
        if (pt.key != key) continue;
        Goal goal;
        goal.year = g.i32(1);
        goal.kind = kGoalKinds.find(g.text(2)).value_or(GoalKind::kAtMost);
        goal.value = g.opt_f64(3), goal.tolerance = g.opt_f64(4);
        goal.mode = kChangeModes.find(g.text(5)).value_or(ChangeMode::kPoints);
        if (!g.is_null(6)) goal.direction = kChangeDirections.find(g.text(6));
        pt.goals.push_back(goal);
      }
    }
    Stmt n(db_->handle(), "SELECT vi, en FROM plan_notes WHERE plan_id = ? ORDER BY position");
    n.bind(1, p.id);
    while (n.step()) p.notes.push_back({std::string(n.text(0)), std::string(n.text(1))});
  }
  return out;
}

std::optional<PlanRecord> SqliteStore::find_plan(int64_t id) {
  auto all = read_plans(id);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

std::vector<PlanRecord> SqliteStore::plans() { return read_plans(std::nullopt); }

Status SqliteStore::upsert_manual_value(const ManualValue& v) {
  Stmt st(db_->handle(),
          "INSERT INTO manual_values (plan_id, target_key, unit_id, year, value, entered_by, entered_at) "
          "VALUES (?,?,?,?,?,?,?) ON CONFLICT (plan_id, target_key, unit_id, year) DO UPDATE SET "
          "value = excluded.value, entered_by = excluded.entered_by, entered_at = excluded.entered_at");
  st.bind(1, v.plan).bind(2, v.target).bind(3, v.unit.value).bind(4, v.year).bind(5, v.value);
  st.bind_id(6, v.entered_by.value).bind(7, v.entered_at);
  st.exec();
  return {};
}

std::vector<ManualValue> SqliteStore::manual_values(int64_t plan) {
  std::vector<ManualValue> out;
  Stmt st(db_->handle(),
          "SELECT target_key, unit_id, year, value, entered_by, entered_at FROM manual_values WHERE plan_id = ? "
          "ORDER BY target_key, unit_id, year");
  st.bind(1, plan);
  while (st.step()) {
    ManualValue v;
    v.plan = plan, v.target = st.text(0), v.unit = UnitId(st.i64(1)), v.year = st.i32(2), v.value = st.f64(3);
    v.entered_by = UserId(st.is_null(4) ? 0 : st.i64(4)), v.entered_at = st.text(5);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace danso::sqlite
