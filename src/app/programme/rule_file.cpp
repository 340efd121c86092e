#include "app/programme/rule_file.h"

#include <set>

#include "app/programme/json_fields.h"

namespace danso {

using programme::JsonFields;

namespace {

template <typename E, size_t N>
std::optional<E> read_code(JsonFields& f, const nlohmann::json& obj, const char* name, const std::string& path,
                           const EnumCodec<E, N>& codec, bool required = true) {
  const std::string s = f.text(obj, name, path, required);
  if (s.empty()) return std::nullopt;
  auto v = codec.parse(s, path);
  if (!v) {
    f.problem(path, v.error().vi, v.error().en);
    return std::nullopt;
  }
  return *v;
}

std::string indicator_of(JsonFields& f, const nlohmann::json& c, const std::string& at,
                         const analytics::IndicatorCatalogue& catalogue) {
  const std::string code = f.text(c, "indicator", at + ".indicator");
  if (!code.empty() && !catalogue.find(code))
    f.problem(at + ".indicator", "không có chỉ tiêu '" + code + "' trong danh mục",
              "no indicator '" + code + "' in the catalogue");
  return code;
}

std::optional<int> small_int(JsonFields& f, const nlohmann::json& c, const char* name, const std::string& path,
                             int lo, int hi) {
  auto v = f.integer(c, name, path, false);
  if (!v) return std::nullopt;
  if (*v < lo || *v > hi) {
    f.problem(path, "phải từ " + std::to_string(lo) + " đến " + std::to_string(hi),
              "must be from " + std::to_string(lo) + " to " + std::to_string(hi));
    return std::nullopt;
  }
  return int(*v);
}

std::optional<RewardCondition> read_condition(JsonFields& f, const nlohmann::json& c, const std::string& at,
                                              const analytics::IndicatorCatalogue& catalogue) {
  const std::string kind = f.text(c, "kind", at + ".kind");
  if (kind == "indicator_below") {
    IndicatorBelow out;
    out.indicator = indicator_of(f, c, at, catalogue);
    out.value = f.number_or_null(c, "value", at + ".value", true).value_or(0);
    if (const std::string p = f.text(c, "period", at + ".period", false); !p.empty() && p != "year")
      f.problem(at + ".period", "chỉ xét theo năm ('year')", "judged by the year only ('year')");
    return out;
  }
  if (kind == "indicator_fell") {
    IndicatorFell out;
    out.indicator = indicator_of(f, c, at, catalogue);
    out.by = f.number_or_null(c, "by", at + ".by", true).value_or(0);
    if (auto m = read_code(f, c, "measure", at + ".measure", kFellMeasures)) out.measure = *m;
    if (const std::string a = f.text(c, "against", at + ".against", false); !a.empty() && a != "previous_year")
      f.problem(at + ".against", "chỉ so với năm trước ('previous_year')", "only against the year before ('previous_year')");
    return out;
  }
  if (kind == "no_events") {
    NoEvents out;
    if (auto e = read_code(f, c, "event", at + ".event", kEventTypes)) out.event = *e;
    out.birth_order_at_least = small_int(f, c, "birth_order_at_least", at + ".birth_order_at_least", 1, 30).value_or(0);
    out.years = small_int(f, c, "years", at + ".years", 1, 10).value_or(1);
    return out;
  }
  if (kind == "per_event") {
    PerEvent out;
    if (auto e = read_code(f, c, "event", at + ".event", kEventTypes)) out.event = *e;
    const nlohmann::json& methods = f.array(c, "method", at + ".method", false);
    for (size_t i = 0; i < methods.size(); ++i) {
      const std::string m_at = at + ".method[" + std::to_string(i) + "]";
      if (!methods[i].is_string()) {
        f.problem(m_at, "phải là mã biện pháp", "must be a method code");
        continue;
      }
      auto m = kContraceptiveMethods.parse(methods[i].get<std::string>(), m_at);
      if (!m) f.problem(m_at, m.error().vi, m.error().en);
      else out.methods.push_back(*m);
    }
    out.children_at_least = small_int(f, c, "person_children_at_least", at + ".person_children_at_least", 0, 30);
    const nlohmann::json& age = f.array(c, "woman_age", at + ".woman_age", false);
    if (!age.empty()) {
      if (age.size() != 2 || !age[0].is_number_integer() || !age[1].is_number_integer())
        f.problem(at + ".woman_age", "phải là [từ, đến] tuổi", "must be [from, to] years");
      else out.woman_age_from = age[0].get<int>(), out.woman_age_to = age[1].get<int>();
    }
    out.conditions_at_least = small_int(f, c, "conditions_at_least", at + ".conditions_at_least", 1, 100);
    const nlohmann::json& orders = f.array(c, "birth_order", at + ".birth_order", false);
    for (size_t i = 0; i < orders.size(); ++i) {
      if (!orders[i].is_number_integer()) f.problem(at + ".birth_order", "phải là số nguyên", "must be whole numbers");
      else out.birth_orders.push_back(orders[i].get<int>());
    }
    out.birth_order_at_least = small_int(f, c, "birth_order_at_least", at + ".birth_order_at_least", 1, 30);
    out.mother_age_below = small_int(f, c, "mother_age_below", at + ".mother_age_below", 10, 70);
    if (const nlohmann::json* u = f.member(c, "unit_indicator", at + ".unit_indicator", false); u && !u->is_null()) {
      UnitIndicatorBelow ui;
      ui.indicator = indicator_of(f, *u, at + ".unit_indicator", catalogue);
      ui.below = f.number_or_null(*u, "below", at + ".unit_indicator.below", true).value_or(0);
      if (const std::string y = f.text(*u, "year", at + ".unit_indicator.year", false); !y.empty() && y != "previous")
        f.problem(at + ".unit_indicator.year", "chỉ xét năm trước ('previous')", "only the year before ('previous')");
      out.unit_indicator = ui;
    }
    return out;
  }
  if (!kind.empty())
    f.problem(at + ".kind",
              "loại điều kiện không hợp lệ '" + kind + "'; cho phép: indicator_below, indicator_fell, no_events, per_event",
              "invalid condition kind '" + kind + "'; allowed: indicator_below, indicator_fell, no_events, per_event");
  return std::nullopt;
}

}  // namespace

RuleFileResult parse_rule_file(std::string_view json_text, const analytics::IndicatorCatalogue& catalogue) {
  RuleFileResult out;
  auto doc = programme::parse_json_object(json_text);
  if (!doc) {
    out.problems.push_back(doc.error());
    return out;
  }
  JsonFields f(out.problems);
  RuleSet set;
  const std::string format = f.text(*doc, "format", "format");
  if (!format.empty() && format != "danso-rules/1")
    f.problem("format", "định dạng phải là 'danso-rules/1', không phải '" + format + "'",
              "the format must be 'danso-rules/1', not '" + format + "'");
  set.id = f.text(*doc, "id", "id");
  set.version = f.text(*doc, "version", "version");
  set.title = f.text(*doc, "title", "title");
  const nlohmann::json& groups = f.array(*doc, "free_groups", "free_groups", false);
  for (size_t i = 0; i < groups.size(); ++i) {
    const std::string at = "free_groups[" + std::to_string(i) + "]";
    if (!groups[i].is_string()) {
      f.problem(at, "phải là mã nhóm", "must be a group code");
      continue;
    }
    auto g = kFreeGroups.parse(groups[i].get<std::string>(), at);
    if (!g) f.problem(at, g.error().vi, g.error().en);
    else set.free_groups.push_back(*g);
  }
  const nlohmann::json& rules = f.array(*doc, "rules", "rules", true);
  if (rules.empty() && doc->contains("rules")) f.problem("rules", "cần ít nhất một quy định", "needs at least one rule");
  std::set<std::string> ids;
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string at = "rules[" + std::to_string(i) + "]";
    const size_t before = out.problems.size();
    const nlohmann::json& r = rules[i];
    RewardRule rule;
    rule.id = f.text(r, "id", at + ".id");
    rule.name_vi = f.text(r, "name_vi", at + ".name_vi");
    rule.name_en = f.text(r, "name_en", at + ".name_en", false);
    rule.source_text = f.text(r, "source_text", at + ".source_text", false);
    if (auto d = f.date(r, "valid_from", at + ".valid_from")) rule.valid_from = *d;
    if (auto d = f.date(r, "valid_to", at + ".valid_to")) rule.valid_to = *d;
    if (auto b = read_code(f, r, "beneficiary", at + ".beneficiary", kBeneficiaries)) rule.beneficiary = *b;
    std::optional<RewardCondition> cond;
    if (const nlohmann::json* c = f.member(r, "condition", at + ".condition", true)) cond = read_condition(f, *c, at + ".condition", catalogue);
    if (const nlohmann::json* a = f.member(r, "amount", at + ".amount", true)) {
      if (auto p = read_code(f, *a, "per", at + ".amount.per", kAmountPers)) rule.per = *p;
      if (auto v = f.integer(*a, "vnd", at + ".amount.vnd")) rule.amount_vnd = *v;
    }
    rule.exempt_free_groups = f.boolean(r, "exempt_free_groups", at + ".exempt_free_groups").value_or(false);
    if (!rule.id.empty() && !ids.insert(rule.id).second)
      f.problem(at + ".id", "mã quy định '" + rule.id + "' lặp lại", "the rule id '" + rule.id + "' is repeated");
    if (cond) rule.condition = *cond;
    if (cond && out.problems.size() == before)
      if (auto st = check_rule(rule, at); !st) f.problem(st.error().field, st.error().vi, st.error().en);
    set.rules.push_back(std::move(rule));
  }
  if (out.problems.empty()) out.rules = std::move(set);
  return out;
}

Result<RuleSet> read_rule_file(std::string_view json_text, const analytics::IndicatorCatalogue& catalogue) {
  auto r = parse_rule_file(json_text, catalogue);
  if (!r.rules) return programme::first_of(r.problems);
  return std::move(*r.rules);
}

}  // namespace danso
