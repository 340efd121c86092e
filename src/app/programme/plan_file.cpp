#include "app/programme/plan_file.h"

#include <algorithm>
#include <set>

#include "app/programme/json_fields.h"

namespace danso {

using programme::JsonFields;

namespace {

bool is_key(const std::string& s) {
  return !s.empty() && s.size() <= 64 && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

PlanTarget read_target(JsonFields& f, const nlohmann::json& t, const std::string& at,
                       const analytics::IndicatorCatalogue& catalogue) {
  PlanTarget out;
  out.key = f.text(t, "key", at + ".key");
  if (!out.key.empty() && !is_key(out.key))
    f.problem(at + ".key", "chỉ gồm chữ thường, số và '_' (tối đa 64)", "lowercase letters, digits and '_' only (64 at most)");
  const std::string indicator = f.text(t, "indicator", at + ".indicator", false);
  if (!indicator.empty()) {
    if (!catalogue.find(indicator))
      f.problem(at + ".indicator", "không có chỉ tiêu '" + indicator + "' trong danh mục",
                "no indicator '" + indicator + "' in the catalogue");
    out.indicator = indicator;
  }
  out.name_vi = f.text(t, "name_vi", at + ".name_vi");
  out.name_en = f.text(t, "name_en", at + ".name_en", false);
  out.measure_unit = f.text(t, "measure_unit", at + ".measure_unit", false);
  out.source_text = f.text(t, "source_text", at + ".source_text", false);
  if (const nlohmann::json* b = f.member(t, "baseline", at + ".baseline", false); b && !b->is_null()) {
    if (auto y = f.integer(*b, "year", at + ".baseline.year", false)) out.baseline.year = int(*y);
    out.baseline.value = f.number_or_null(*b, "value", at + ".baseline.value");
    if (out.baseline.value && !out.baseline.year)
      f.problem(at + ".baseline.year", "giá trị năm gốc cần năm gốc", "a baseline value needs its year");
  }
  const nlohmann::json& goals = f.array(t, "goals", at + ".goals", true);
  if (goals.empty() && t.contains("goals")) f.problem(at + ".goals", "cần ít nhất một mục tiêu", "needs at least one goal");
  std::set<int> years;
  for (size_t i = 0; i < goals.size(); ++i) {
    const std::string g_at = at + ".goals[" + std::to_string(i) + "]";
    const nlohmann::json& g = goals[i];
    Goal goal;
    if (auto y = f.integer(g, "year", g_at + ".year")) goal.year = int(*y);
    const std::string kind = f.text(g, "kind", g_at + ".kind");
    if (!kind.empty()) {
      if (auto k = kGoalKinds.find(kind)) goal.kind = *k;
      else {
        auto e = kGoalKinds.parse(kind, g_at + ".kind");
        f.problem(g_at + ".kind", e.error().vi, e.error().en);
        continue;
      }
    }
    goal.value = f.number_or_null(g, "value", g_at + ".value");
    goal.tolerance = f.number_or_null(g, "tolerance", g_at + ".tolerance");
    if (goal.kind != GoalKind::kAbout && goal.tolerance) goal.tolerance.reset();  // documented as ignored on other kinds
    if (const std::string mode = f.text(g, "mode", g_at + ".mode", false); !mode.empty()) {
      if (auto m = kChangeModes.find(mode)) goal.mode = *m;
      else f.problem(g_at + ".mode", "chỉ 'points' hoặc 'relative'", "only 'points' or 'relative'");
    }
    if (const std::string dir = f.text(g, "direction", g_at + ".direction", false); !dir.empty()) {
      if (auto d = kChangeDirections.find(dir)) goal.direction = *d;
      else f.problem(g_at + ".direction", "chỉ 'decrease' hoặc 'increase'", "only 'decrease' or 'increase'");
    }
    if (goal.kind == GoalKind::kAbout && goal.value && !goal.tolerance) {
      f.problem(g_at + ".tolerance", "mục tiêu 'khoảng' cần dung sai", "an 'about' goal needs a tolerance");
      continue;
    }
    if (goal.kind == GoalKind::kAbout && !goal.value) goal.tolerance = goal.tolerance.value_or(0);
    if (goal.year) {
      if (auto st = check_goal(goal, out.baseline, g_at); !st) f.problem(st.error().field, st.error().vi, st.error().en);
      if (!years.insert(goal.year).second)
        f.problem(g_at + ".year", "hai mục tiêu cùng năm " + std::to_string(goal.year),
                  "two goals for the same year " + std::to_string(goal.year));
    }
    out.goals.push_back(goal);
  }
  std::sort(out.goals.begin(), out.goals.end(), [](const Goal& a, const Goal& b) { return a.year < b.year; });
  return out;
}

}  // namespace

PlanFileResult parse_plan_file(std::string_view json_text, const analytics::IndicatorCatalogue& catalogue) {
  PlanFileResult out;
  auto doc = programme::parse_json_object(json_text);
  if (!doc) {
    out.problems.push_back(doc.error());
    return out;
  }
  JsonFields f(out.problems);
  Plan plan;
  const std::string format = f.text(*doc, "format", "format");
  if (!format.empty() && format != "danso-plan/1")
    f.problem("format", "định dạng phải là 'danso-plan/1', không phải '" + format + "'",
              "the format must be 'danso-plan/1', not '" + format + "'");
  plan.number = f.text(*doc, "number", "number");
  plan.title = f.text(*doc, "title", "title");
  plan.issuer = f.text(*doc, "issuer", "issuer", false);
  plan.issued_on = f.date(*doc, "issued_on", "issued_on", false);
  if (const nlohmann::json* u = f.member(*doc, "unit", "unit", true)) {
    plan.unit_code = f.text(*u, "code", "unit.code");
    plan.unit_name = f.text(*u, "name", "unit.name", false);
  }
  const auto start = f.date(*doc, "start", "start");
  const auto end = f.date(*doc, "end", "end");
  if (start) plan.start = *start;
  if (end) plan.end = *end;
  if (start && end && *end < *start) f.problem("end", "ngày kết thúc trước ngày bắt đầu", "the end is before the start");
  if (const nlohmann::json* s = f.member(*doc, "source", "source", false); s && !s->is_null()) {
    plan.source_document = f.text(*s, "document", "source.document", false);
    plan.source_file = f.text(*s, "seed", "source.seed", false);
    plan.source_section = f.text(*s, "section", "source.section", false);
  }
  const nlohmann::json& notes = f.array(*doc, "notes", "notes", false);
  for (size_t i = 0; i < notes.size(); ++i) {
    const std::string at = "notes[" + std::to_string(i) + "]";
    plan.notes.push_back({f.text(notes[i], "vi", at + ".vi"), f.text(notes[i], "en", at + ".en", false)});
  }
  const nlohmann::json& targets = f.array(*doc, "targets", "targets", true);
  std::set<std::string> keys;
  for (size_t i = 0; i < targets.size(); ++i) {
    const std::string at = "targets[" + std::to_string(i) + "]";
    PlanTarget t = read_target(f, targets[i], at, catalogue);
    if (!t.key.empty() && !keys.insert(t.key).second)
      f.problem(at + ".key", "mã chỉ tiêu '" + t.key + "' lặp lại", "the target key '" + t.key + "' is repeated");
    for (const Goal& g : t.goals)
      if (start && end && (g.year < start->year() || g.year > end->year()))
        f.problem(at + ".goals", "năm mục tiêu " + std::to_string(g.year) + " ngoài thời hạn của kế hoạch",
                  "goal year " + std::to_string(g.year) + " is outside the plan's period");
    plan.targets.push_back(std::move(t));
  }
  if (targets.empty() && doc->contains("targets"))
    f.problem("targets", "kế hoạch cần ít nhất một chỉ tiêu", "a plan needs at least one target");
  if (out.problems.empty()) out.plan = std::move(plan);
  return out;
}

Result<Plan> read_plan_file(std::string_view json_text, const analytics::IndicatorCatalogue& catalogue) {
  auto r = parse_plan_file(json_text, catalogue);
  if (!r.plan) return programme::first_of(r.problems);
  return std::move(*r.plan);
}

}  // namespace danso
