#include "app/programme/plans.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/accounts/audit_chain.h"
#include "app/accounts/crypto.h"
#include "app/indicator_report.h"
#include "app/programme/plan_file.h"
#include "app/register_projection.h"
#include "core/unit_tree.h"

namespace danso {

Result<int64_t> import_plan(Database& db, std::string_view json_text, const PlanImportOptions& o,
                            const analytics::IndicatorCatalogue& catalogue) {
  auto plan = read_plan_file(json_text, catalogue);
  if (!plan) return plan.error();
  if (!o.unit_code.empty()) plan->unit_code = o.unit_code;
  return db.write([&](Store& store) -> Result<int64_t> {
    const UnitTree tree(store.load_units(), store.load_unit_links());
    const OrgUnit* unit = tree.resolve(plan->unit_code, plan->start);
    if (!unit) unit = tree.resolve(plan->unit_code, plan->end);
    if (!unit)
      return Error::not_found("unit.code",
                              "sổ không có đơn vị mã '" + plan->unit_code + "' trong thời gian của kế hoạch (" +
                                  plan->start.iso() + " .. " + plan->end.iso() + ")",
                              "the register has no unit coded '" + plan->unit_code + "' during the plan (" +
                                  plan->start.iso() + " .. " + plan->end.iso() + ")");
    if (!o.unit_code.empty()) plan->unit_name = unit->name;
    PlanRecord record{*plan, unit->id, accounts::iso_instant(o.now)};
    auto id = store.insert_plan(record);
    if (!id) return id.error();
    AuditRecord e = accounts::audit_entry(nullptr, record.imported_at, "import", "plan", std::to_string(*id), unit->id);
    e.after = nlohmann::ordered_json{{"number", plan->number},
                                     {"title", plan->title},
                                     {"unit", plan->unit_code},
                                     {"targets", plan->targets.size()},
                                     {"file", o.file},
                                     {"sha256", accounts::sha256_hex(json_text)}}
                  .dump();
    if (auto st = accounts::append_audit(store, std::move(e)); !st) return st.error();
    return *id;
  });
}

Status enter_manual_value(Database& db, const ManualEntry& m) {
  if (!std::isfinite(m.value))
    return Error::invalid("value", "giá trị phải là một số", "the value must be a number");
  if (m.year < 1900 || m.year > 2200)
    return Error::invalid("year", "năm phải từ 1900 đến 2200", "the year must be from 1900 to 2200");
  return db.write([&](Store& store) -> Status {
    const auto plan = store.find_plan(m.plan);
    if (!plan)
      return Error::not_found("plan", "không có kế hoạch mã " + std::to_string(m.plan),
                              "no plan with id " + std::to_string(m.plan));
    const auto& targets = plan->plan.targets;
    const auto t = std::find_if(targets.begin(), targets.end(), [&](const PlanTarget& x) { return x.key == m.target; });
    if (t == targets.end())
      return Error::not_found("target", "kế hoạch không có chỉ tiêu '" + m.target + "'",
                              "the plan has no target '" + m.target + "'");
    if (t->indicator)
      return Error::invalid("target",
                            "chỉ tiêu '" + m.target + "' được tính từ sổ (" + *t->indicator + "), không nhập tay",
                            "target '" + m.target + "' is counted from the register (" + *t->indicator +
                                "), not entered by hand");
    const UnitTree tree(store.load_units(), store.load_unit_links());
    const auto last = Date::from_ymd(m.year, 12, 31);
    const OrgUnit* unit = last ? tree.resolve(m.unit_code, *last) : nullptr;
    if (!unit)
      return Error::not_found("unit", "sổ không có đơn vị mã '" + m.unit_code + "' năm " + std::to_string(m.year),
                              "the register has no unit coded '" + m.unit_code + "' in " + std::to_string(m.year));
    std::optional<double> before;
    for (const ManualValue& v : store.manual_values(m.plan))
      if (v.target == m.target && v.unit == unit->id && v.year == m.year) before = v.value;
    ManualValue v{m.plan, m.target, unit->id, m.year, m.value, UserId(), accounts::iso_instant(m.now)};
    if (auto st = store.upsert_manual_value(v); !st) return st;
    AuditRecord e = accounts::audit_entry(
        nullptr, v.entered_at, before ? "update" : "create", "plan_value",
        std::to_string(m.plan) + "/" + m.target + "/" + m.unit_code + "/" + std::to_string(m.year), unit->id);
    if (before) e.before = nlohmann::ordered_json{{"value", *before}}.dump();
    e.after = nlohmann::ordered_json{{"value", m.value}}.dump();
    return accounts::append_audit(store, std::move(e));
  });
}

std::vector<PlanRecord> list_plans(Database& db) {
  return db.read([](Store& store) { return store.plans(); });
}

namespace {

// The goal a year is judged against: the first of that year or after,
// else the last (the plan's end has passed: met or missed).
std::optional<Goal> goal_for(const PlanTarget& t, int year) {
  std::optional<Goal> out;
  for (const Goal& g : t.goals)
    if (g.year >= year && (!out || g.year < out->year)) out = g;
  if (out) return out;
  for (const Goal& g : t.goals)
    if (!out || g.year > out->year) out = g;
  return out;
}

}  // namespace

namespace {

// Every target of the plan judged for one unit from its indicators' JSON
// (app/indicator_report.h) and the figures entered by hand, worst first.
std::vector<TargetRow> judge_rows(const PlanRecord& plan, const std::vector<ManualValue>& manual, UnitId unit,
                                  const nlohmann::ordered_json& indicators, int year, const StatusRule& rule) {
  std::vector<TargetRow> rows;
  for (const PlanTarget& t : plan.plan.targets) {
    TargetRow row;
    row.target = &t;
    if (t.indicator) {
      const auto it = indicators.find(*t.indicator);
      if (it != indicators.end() && it->contains("value") && (*it)["value"].is_number()) {
        row.value = (*it)["value"].get<double>();
        row.source = "register";
      }
    } else {
      for (const ManualValue& m : manual)
        if (m.target == t.key && m.unit == unit && m.year == year) row.value = m.value, row.source = "manual";
    }
    row.goal = goal_for(t, year);
    if (row.goal) {
      row.progress = judge_progress(*row.goal, t.baseline, row.value, year, rule);
    } else {
      row.progress.status = TargetStatus::kUndefined;
      row.progress.reason_vi = "chỉ tiêu không có mục tiêu theo năm";
      row.progress.reason_en = "the target has no goal for any year";
    }
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const TargetRow& a, const TargetRow& b) {
    return status_severity(a.progress.status) > status_severity(b.progress.status);
  });
  return rows;
}

TargetStatus worst_of(const std::vector<TargetRow>& rows) {
  TargetStatus worst = TargetStatus::kUndefined;
  for (const TargetRow& r : rows)
    if (status_severity(r.progress.status) > status_severity(worst)) worst = r.progress.status;
  return worst;
}

}  // namespace

int first_register_year(const analytics::RegisterSnapshot& snap) {
  return snap.first_event_day ? Date::from_days(*snap.first_event_day).year() : 0;
}

Result<PlanProgress> plan_progress(Database& db, const analytics::RegisterSnapshot& snap,
                                   const analytics::IndicatorCatalogue& catalogue, int64_t plan_id,
                                   const ProgressOptions& o) {
  auto record = db.read([&](Store& store) { return store.find_plan(plan_id); });
  if (!record)
    return Error::not_found("plan", "không có kế hoạch mã " + std::to_string(plan_id),
                            "no plan with id " + std::to_string(plan_id));
  auto period = Period::parse(std::to_string(o.year));
  if (!period) return period.error();
  PlanProgress out;
  out.year = o.year;
  out.unit_code = o.unit.empty() ? record->plan.unit_code : o.unit;
  const auto unit = snap.tree.resolve_or_error(out.unit_code, period->last, "unit");
  if (!unit) return unit.error();
  out.unit_name = snap.tree.find(*unit)->name;
  IndicatorReporter reporter(snap, catalogue);
  auto values = reporter.report(out.unit_code, *period, false);
  if (!values) return values.error();
  const auto manual = db.read([&](Store& store) { return store.manual_values(plan_id); });
  out.plan = std::move(*record);
  out.rows = judge_rows(out.plan, manual, *unit, (*values)["indicators"], o.year, o.rule);
  for (TargetRow& row : out.rows) {
    const PlanTarget& t = *row.target;
    if (t.indicator == "population" && row.goal && row.goal->year > o.year && row.progress.bound) {
      RegisterProjectionRequest rq;
      rq.unit = out.unit_code;
      rq.from = o.year + 1;
      rq.to = row.goal->year;
      auto projected = rq.from < rq.to ? project_from_register(snap, rq) : Result<nlohmann::ordered_json>(nullptr);
      if (!projected) {
        row.outlook_vi = projected.error().vi, row.outlook_en = projected.error().en;
      } else if (projected->is_object() && !(*projected)["years"].empty()) {
        row.outlook = (*projected)["years"].back()["summary"]["population"].get<double>();
        row.outlook_meets = row.progress.bound->met_by(*row.outlook);
      }
    }
  }
  if (o.children) {
    auto kids = reporter.report(out.unit_code, *period, true);
    if (!kids) return kids.error();
    for (const auto& k : *kids) {
      PlanProgress::Child c;
      c.unit_code = k["unit"].get<std::string>();
      c.unit_name = k.value("name", "");
      const auto id = snap.tree.resolve(c.unit_code, period->last);
      c.rows = judge_rows(out.plan, manual, id ? id->id : UnitId(), k["indicators"], o.year, o.rule);
      c.worst = worst_of(c.rows);
      out.children.push_back(std::move(c));
    }
    std::stable_sort(out.children.begin(), out.children.end(), [](const auto& a, const auto& b) {
      return status_severity(a.worst) > status_severity(b.worst);
    });
  }
  if (o.trend_from > 0) {
    for (int y = o.trend_from; y <= o.year; ++y) {
      auto p = Period::parse(std::to_string(y));
      if (!p) continue;
      auto v = reporter.report(out.unit_code, *p, false);
      const nlohmann::ordered_json none = nlohmann::ordered_json::object();
      const auto& ind = v ? (*v)["indicators"] : none;
      for (const PlanTarget& t : out.plan.plan.targets) {
        if (!t.indicator) continue;
        std::optional<double> value;
        const auto it = ind.find(*t.indicator);
        if (it != ind.end() && it->contains("value") && (*it)["value"].is_number()) value = (*it)["value"].get<double>();
        out.trend[t.key].emplace_back(y, value);
      }
    }
  }
  return out;
}

}  // namespace danso
