#include "app/programme/training_json.h"

namespace danso {

nlohmann::ordered_json training_coverage_json(const TrainingCoverageReport& r) {
  nlohmann::ordered_json plans = nlohmann::ordered_json::array();
  for (const TrainingPlanCoverage& p : r.plans) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const TrainingCoverageRow& row : p.rows)
      rows.push_back({{"group", row.group.code},
                      {"group_name", row.group.name_vi},
                      {"group_name_en", row.group.name_en},
                      {"course_kind", row.course.code},
                      {"course_name", row.course.name_vi},
                      {"target_percent", row.target.percent},
                      {"by_year", row.target.by_year},
                      {"every_year", row.target.every_year},
                      {"members", row.coverage.members},
                      {"covered", row.coverage.covered},
                      {"percent", row.coverage.percent ? nlohmann::ordered_json(*row.coverage.percent) : nullptr},
                      {"met", row.coverage.target_met}});
    nlohmann::ordered_json by_year = nlohmann::ordered_json::array();
    for (const auto& [year, vnd] : p.spending.by_year) by_year.push_back({year, vnd});
    const TrainingSpending& s = p.spending;
    nlohmann::ordered_json children = nlohmann::ordered_json::array();
    for (const TrainingChildCoverage& c : p.children) {
      nlohmann::ordered_json kid_rows = nlohmann::ordered_json::array();
      for (const Coverage& k : c.rows)
        kid_rows.push_back({{"members", k.members},
                            {"covered", k.covered},
                            {"percent", k.percent ? nlohmann::ordered_json(*k.percent) : nullptr},
                            {"met", k.target_met}});
      children.push_back({{"unit", c.unit_code}, {"name", c.unit_name}, {"rows", std::move(kid_rows)}});
    }
    plans.push_back({{"plan", p.id},
                     {"title", p.title},
                     {"unit", p.unit_code},
                     {"rows", std::move(rows)},
                     {"children", std::move(children)},
                     {"spending",
                      {{"budget_vnd", s.budget_vnd},
                       {"year_vnd", s.year_vnd},
                       {"sessions_in_year", s.sessions_in_year},
                       {"to_date_vnd", s.to_date_vnd},
                       {"used_percent", s.used_percent ? nlohmann::ordered_json(*s.used_percent) : nullptr},
                       {"by_year", std::move(by_year)}}}});
  }
  return {{"unit", r.unit_code}, {"unit_name", r.unit_name}, {"year", r.year}, {"on", r.on.iso()},
          {"plans", std::move(plans)}};
}

nlohmann::ordered_json training_needs_json(const std::string& unit, int year, const std::string& group,
                                           const std::vector<TrainingNeed>& needs) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const TrainingNeed& n : needs)
    list.push_back({{"staff_id", n.staff.value},
                    {"name", n.name},
                    {"unit", n.unit_code},
                    {"unit_name", n.unit_name},
                    {"plan", n.plan},
                    {"group", n.group},
                    {"group_name", n.group_name_vi},
                    {"course_kind", n.course_kind},
                    {"course_name", n.course_name_vi}});
  return {{"unit", unit}, {"year", year}, {"group", group.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(group)},
          {"count", needs.size()}, {"needs", std::move(list)}};
}

}  // namespace danso
