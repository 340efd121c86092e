#include "app/programme/plan_json.h"

namespace danso {

namespace {

nlohmann::ordered_json opt(const std::optional<double>& v) { return v ? nlohmann::ordered_json(*v) : nullptr; }

nlohmann::ordered_json rows_json(const std::vector<TargetRow>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const TargetRow& r : rows) {
    const PlanTarget& t = *r.target;
    nlohmann::ordered_json goal = nullptr;
    if (r.goal)
      goal = {{"year", r.goal->year}, {"kind", kGoalKinds.code(r.goal->kind)}, {"value", opt(r.goal->value)},
              {"tolerance", opt(r.goal->tolerance)}};
    out.push_back({{"key", t.key},
                   {"name", t.name_vi},
                   {"name_en", t.name_en},
                   {"indicator", t.indicator ? nlohmann::ordered_json(*t.indicator) : nullptr},
                   {"measure_unit", t.measure_unit},
                   {"baseline", {{"year", t.baseline.year ? nlohmann::ordered_json(*t.baseline.year) : nullptr},
                                 {"value", opt(t.baseline.value)}}},
                   {"value", opt(r.value)},
                   {"source", r.source},
                   {"goal", goal},
                   {"expected", opt(r.progress.expected)},
                   {"gap", opt(r.progress.gap)},
                   {"status", kTargetStatuses.code(r.progress.status)},
                   {"reason", r.progress.reason_vi},
                   {"reason_en", r.progress.reason_en},
                   {"outlook", r.outlook ? nlohmann::ordered_json{{"year", r.goal->year},
                                                                  {"population", *r.outlook},
                                                                  {"meets_goal", *r.outlook_meets}}
                                         : nullptr}});
  }
  return out;
}

}  // namespace

nlohmann::ordered_json plan_progress_json(const PlanProgress& p) {
  nlohmann::ordered_json out = {{"plan", p.plan.plan.id},     {"number", p.plan.plan.number},
                                {"title", p.plan.plan.title}, {"unit", p.unit_code},
                                {"unit_name", p.unit_name},   {"year", p.year},
                                {"targets", rows_json(p.rows)}};
  if (!p.children.empty()) {
    nlohmann::ordered_json kids = nlohmann::ordered_json::array();
    for (const PlanProgress::Child& c : p.children)
      kids.push_back({{"unit", c.unit_code},
                      {"name", c.unit_name},
                      {"worst", kTargetStatuses.code(c.worst)},
                      {"targets", rows_json(c.rows)}});
    out["children"] = std::move(kids);
  }
  if (!p.trend.empty()) {
    nlohmann::ordered_json trend = nlohmann::ordered_json::object();
    for (const auto& [key, points] : p.trend) {
      nlohmann::ordered_json arr = nlohmann::ordered_json::array();
      for (const auto& [year, value] : points) arr.push_back({year, opt(value)});
      trend[key] = std::move(arr);
    }
    out["trend"] = std::move(trend);
  }
  return out;
}

nlohmann::ordered_json plan_summary_json(const PlanRecord& r) {
  const Plan& p = r.plan;
  return {{"id", p.id},
          {"number", p.number},
          {"title", p.title},
          {"issuer", p.issuer},
          {"unit", p.unit_code},
          {"unit_name", p.unit_name},
          {"start", p.start.iso()},
          {"end", p.end.iso()},
          {"targets", p.targets.size()}};
}

}  // namespace danso
