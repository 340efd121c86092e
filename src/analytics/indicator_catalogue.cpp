#include "analytics/indicator_catalogue.h"

namespace danso::analytics {

namespace {

Result<std::vector<MeasureRef>> measures_of(const nlohmann::json& j, const std::string& code, const char* key) {
  std::vector<MeasureRef> out;
  auto it = j.find(key);
  if (it == j.end()) return out;
  if (!it->is_array())
    return Error::invalid(key, "chỉ tiêu " + code + ": '" + key + "' phải là mảng số đo",
                          "indicator " + code + ": '" + key + "' must be an array of measures");
  for (const auto& m : *it) {
    if (!m.is_string())
      return Error::invalid(key, "chỉ tiêu " + code + ": số đo phải là chuỗi", "indicator " + code + ": a measure must be a string");
    auto r = parse_measure(m.get<std::string>());
    if (!r) return Error::invalid(key, "chỉ tiêu " + code + ": " + r.error().vi, "indicator " + code + ": " + r.error().en);
    out.push_back(*r);
  }
  return out;
}

Result<IndicatorDefinition> parse_definition(const nlohmann::json& j) {
  IndicatorDefinition d;
  if (!j.is_object() || !j.contains("code") || !j["code"].is_string())
    return Error::invalid("code", "mỗi chỉ tiêu cần 'code'", "every indicator needs a 'code'");
  d.code = j["code"].get<std::string>();
  d.vi = j.value("vi", d.code);
  d.en = j.value("en", d.code);
  d.unit = j.value("unit", "");
  d.multiplier = j.value("multiplier", 1.0);
  d.min_events = j.value("min_events", 0.0);
  const std::string kind = j.value("kind", "ratio");
  if (kind == "count") {
    d.kind = IndicatorKind::kCount;
    auto m = parse_measure(j.value("measure", ""));
    if (!m) return Error::invalid("measure", "chỉ tiêu " + d.code + ": " + m.error().vi, "indicator " + d.code + ": " + m.error().en);
    d.numerator.push_back(*m);
  } else if (kind == "ratio") {
    d.kind = IndicatorKind::kRatio;
    auto n = measures_of(j, d.code, "numerator");
    if (!n) return n.error();
    auto den = measures_of(j, d.code, "denominator");
    if (!den) return den.error();
    if (n->empty() || den->empty())
      return Error::invalid("numerator", "chỉ tiêu " + d.code + " cần tử số và mẫu số",
                            "indicator " + d.code + " needs a numerator and a denominator");
    d.numerator = *n;
    d.denominator = *den;
  } else if (kind == "difference") {
    d.kind = IndicatorKind::kDifference;
    d.minuend = j.value("minuend", "");
    d.subtrahend = j.value("subtrahend", "");
  } else if (kind == "method") {
    d.kind = IndicatorKind::kMethod;
    d.method = j.value("method", "");
    if (d.method != "tfr" && d.method != "median_age" && d.method != "e0")
      return Error::invalid("method", "chỉ tiêu " + d.code + ": phương pháp không có '" + d.method + "' (tfr, median_age, e0)",
                            "indicator " + d.code + ": unknown method '" + d.method + "' (tfr, median_age, e0)");
  } else {
    return Error::invalid("kind", "chỉ tiêu " + d.code + ": loại không hợp lệ '" + kind + "'",
                          "indicator " + d.code + ": invalid kind '" + kind + "' (count, ratio, difference, method)");
  }
  auto ev = measures_of(j, d.code, "events");
  if (!ev) return ev.error();
  d.events = *ev;
  return d;
}

double sum(const std::vector<MeasureRef>& ms, const UnitCounts& c) {
  double v = 0;
  for (const auto& m : ms) v += measure_value(c, m);
  return v;
}

}  // namespace

IndicatorCatalogue IndicatorCatalogue::defaults() {
  IndicatorCatalogue c;
  auto st = c.merge_json(nlohmann::json::parse(default_catalogue_json()));
  (void)st;  // the default catalogue is checked by a test
  return c;
}

Status IndicatorCatalogue::merge_json(const nlohmann::json& doc) {
  if (!doc.is_array()) return Error::invalid("catalogue", "danh mục phải là mảng", "the catalogue must be an array");
  std::vector<IndicatorDefinition> parsed;
  for (const auto& j : doc) {
    auto d = parse_definition(j);
    if (!d) return d.error();
    parsed.push_back(std::move(*d));
  }
  for (auto& d : parsed) {
    bool replaced = false;
    for (auto& old : defs_)
      if (old.code == d.code) old = d, replaced = true;
    if (!replaced) defs_.push_back(std::move(d));
  }
  for (const auto& d : defs_)
    if (d.kind == IndicatorKind::kDifference && (!find(d.minuend) || !find(d.subtrahend)))
      return Error::invalid("minuend", "chỉ tiêu " + d.code + " dựa trên chỉ tiêu không có",
                            "indicator " + d.code + " refers to an unknown indicator");
  return {};
}

const IndicatorDefinition* IndicatorCatalogue::find(std::string_view code) const {
  for (const auto& d : defs_)
    if (d.code == code) return &d;
  return nullptr;
}

IndicatorValue IndicatorCatalogue::evaluate(const IndicatorDefinition& def, const UnitCounts& c,
                                            const MethodContext& ctx) const {
  IndicatorValue v;
  v.unit = def.unit;
  switch (def.kind) {
    case IndicatorKind::kCount:
      v.value = sum(def.numerator, c);
      break;
    case IndicatorKind::kRatio: {
      const double n = sum(def.numerator, c), d = sum(def.denominator, c);
      v.numerator = n;
      v.denominator = d;
      if (d > 0) v.value = n / d * def.multiplier;
      else v.flags.push_back("no_denominator");
      const double events = def.events.empty() ? n : sum(def.events, c);
      if (d > 0 && def.min_events > 0 && events < def.min_events) v.flags.push_back("small_numbers");
      break;
    }
    case IndicatorKind::kDifference: {
      const IndicatorDefinition* a = find(def.minuend);
      const IndicatorDefinition* b = find(def.subtrahend);
      if (!a || !b) break;
      IndicatorValue va = evaluate(*a, c, ctx), vb = evaluate(*b, c, ctx);
      if (va.value && vb.value) v.value = *va.value - *vb.value;
      for (const auto& f : va.flags) v.flags.push_back(f);
      for (const auto& f : vb.flags)
        if (std::find(v.flags.begin(), v.flags.end(), f) == v.flags.end()) v.flags.push_back(f);
      break;
    }
    case IndicatorKind::kMethod:
      v = evaluate_method(def, c, ctx);
      v.unit = def.unit;
      break;
  }
  return v;
}

}  // namespace danso::analytics
