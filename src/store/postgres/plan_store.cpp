// The programme's plans on PostgreSQL: plans with their targets, goals and
// notes, and the figures entered by hand (store/plan_store.h).
#include "store/postgres/pg_store_impl.h"

namespace danso::pg {

namespace {

constexpr const char* kPgPlanColumns =
    "SELECT id, number, title, issuer, issued_on, unit_id, unit_code, unit_name, start, \"end\", source_document, "
    "source_file, source_section, danso_instant(imported_at) FROM plans ";

}  // namespace

Result<int64_t> PgStore::insert_plan(const PlanRecord& r) {
  const Plan& p = r.plan;
  if (conn_->query("SELECT id FROM plans WHERE number = $1", Params().add(p.number)).rows())
    return Error{ErrorCode::kAlreadyExists, "number", "đã có kế hoạch số '" + p.number + "'",
                 "a plan numbered '" + p.number + "' already exists"};
  const int64_t id =
      conn_
          ->query("INSERT INTO plans (number, title, issuer, issued_on, unit_id, unit_code, unit_name, start, \"end\", "
                  "source_document, source_file, source_section, imported_at) "
                  "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id",
                  Params()
                      .add(p.number)
                      .add(p.title)
                      .add(p.issuer)
                      .opt(p.issued_on)
                      .add(r.unit.value)
                      .add(p.unit_code)
                      .add(p.unit_name)
                      .add(p.start)
                      .add(p.end)
                      .add(p.source_document)
                      .add(p.source_file)
                      .add(p.source_section)
                      .instant(r.imported_at))
          .i64(0, 0);
  for (size_t i = 0; i < p.targets.size(); ++i) {
    const PlanTarget& t = p.targets[i];
    conn_->query(
        "INSERT INTO plan_targets (plan_id, key, position, indicator, name_vi, name_en, measure_unit, "
        "baseline_year, baseline_value, source_text) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
        Params()
            .add(id)
            .add(t.key)
            .add(int64_t(i))
            .text_or_null(t.indicator.value_or(""))
            .add(t.name_vi)
            .add(t.name_en)
            .add(t.measure_unit)
            .opt(t.baseline.year)
            .opt(t.baseline.value)
            .add(t.source_text));
    for (const Goal& g : t.goals)
      conn_->query(
          "INSERT INTO plan_goals (plan_id, target_key, year, kind, value, tolerance, mode, direction) "
          "VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
          Params()
              .add(id)
              .add(t.key)
              .add(g.year)
              .add(kGoalKinds.code(g.kind))
              .opt(g.value)
              .opt(g.tolerance)
              .add(kChangeModes.code(g.mode))
              .text_or_null(g.direction ? kChangeDirections.code(*g.direction) : ""));
  }
  for (size_t i = 0; i < p.notes.size(); ++i)
    conn_->query("INSERT INTO plan_notes (plan_id, position, vi, en) VALUES ($1,$2,$3,$4)",
                 Params().add(id).add(int64_t(i)).add(p.notes[i].vi).add(p.notes[i].en));
  return id;
}

std::vector<PlanRecord> PgStore::read_plans(std::optional<int64_t> only) {
  std::vector<PlanRecord> out;
  Params params;
  if (only) params.add(*only);
  PgResult st = conn_->query(std::string(kPgPlanColumns) + (only ? "WHERE id = $1 " : "") + "ORDER BY id", params);
  for (int i = 0; i < st.rows(); ++i) {
    PlanRecord r;
    Plan& p = r.plan;
    p.id = st.i64(i, 0);
    p.number = st.text(i, 1), p.title = st.text(i, 2), p.issuer = st.text(i, 3);
    p.issued_on = st.opt_date(i, 4);
    r.unit = UnitId(st.i64(i, 5));
    p.unit_code = st.text(i, 6), p.unit_name = st.text(i, 7);
    p.start = st.date(i, 8), p.end = st.date(i, 9);
    p.source_document = st.text(i, 10), p.source_file = st.text(i, 11), p.source_section = st.text(i, 12);
    r.imported_at = st.text(i, 13);
    out.push_back(std::move(r));
  }
  for (PlanRecord& r : out) {
    Plan& p = r.plan;
    PgResult t = conn_->query(
        "SELECT key, indicator, name_vi, name_en, measure_unit, baseline_year, baseline_value, source_text "
        "FROM plan_targets WHERE plan_id = $1 ORDER BY position",
        Params().add(p.id));
    for (int i = 0; i < t.rows(); ++i) {
      PlanTarget pt;
      pt.key = t.text(i, 0);
      if (!t.is_null(i, 1)) pt.indicator = std::string(t.text(i, 1));
      pt.name_vi = t.text(i, 2), pt.name_en = t.text(i, 3), pt.measure_unit = t.text(i, 4);
      if (!t.is_null(i, 5)) pt.baseline.year = t.i32(i, 5);
      pt.baseline.value = t.opt_f64(i, 6);
      pt.source_text = t.text(i, 7);
      p.targets.push_back(std::move(pt));
    }
    PgResult g = conn_->query(
        "SELECT target_key, year, kind, value, tolerance, mode, direction FROM plan_goals WHERE plan_id = $1 "
        "ORDER BY target_key COLLATE \"C\", year",
        Params().add(p.id));
    for (int i = 0; i < g.rows(); ++i) {
      const std::string key(g.text(i, 0));
      for (PlanTarget& pt : p.targets) {
        if (pt.key != key) continue;
        Goal goal;
        goal.year = g.i32(i, 1);
        goal.kind = kGoalKinds.find(g.text(i, 2)).value_or(GoalKind::kAtMost);
        goal.value = g.opt_f64(i, 3), goal.tolerance = g.opt_f64(i, 4);
        goal.mode = kChangeModes.find(g.text(i, 5)).value_or(ChangeMode::kPoints);
        if (!g.is_null(i, 6)) goal.direction = kChangeDirections.find(g.text(i, 6));
        pt.goals.push_back(goal);
      }
    }
    PgResult n = conn_->query("SELECT vi, en FROM plan_notes WHERE plan_id = $1 ORDER BY position", Params().add(p.id));
    for (int i = 0; i < n.rows(); ++i) p.notes.push_back({std::string(n.text(i, 0)), std::string(n.text(i, 1))});
  }
  return out;
}

std::optional<PlanRecord> PgStore::find_plan(int64_t id) {
  auto all = read_plans(id);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

std::vector<PlanRecord> PgStore::plans() { return read_plans(std::nullopt); }

Status PgStore::upsert_manual_value(const ManualValue& v) {
  conn_->query(
      "INSERT INTO manual_values (plan_id, target_key, unit_id, year, value, entered_by, entered_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (plan_id, target_key, unit_id, year) DO UPDATE SET "
      "value = EXCLUDED.value, entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at",
      Params()
          .add(v.plan)
          .add(v.target)
          .add(v.unit.value)
          .add(v.year)
          .add(v.value)
          .id(v.entered_by.value)
          .instant(v.entered_at));
  return {};
}

std::vector<ManualValue> PgStore::manual_values(int64_t plan) {
  std::vector<ManualValue> out;
  PgResult st = conn_->query(
      "SELECT target_key, unit_id, year, value, entered_by, danso_instant(entered_at) FROM manual_values "
      "WHERE plan_id = $1 ORDER BY target_key COLLATE \"C\", unit_id, year",
      Params().add(plan));
  for (int i = 0; i < st.rows(); ++i) {
    ManualValue v;
    v.plan = plan, v.target = st.text(i, 0), v.unit = UnitId(st.i64(i, 1)), v.year = st.i32(i, 2);
    v.value = st.f64(i, 3);
    v.entered_by = UserId(st.is_null(i, 4) ? 0 : st.i64(i, 4)), v.entered_at = st.text(i, 5);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace danso::pg
