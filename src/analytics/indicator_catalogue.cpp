#include "analytics/indicator_catalogue.h"

#include <cctype>

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

// "precision": decimal places shown, 0..6 (default: 0 for a count, 1 otherwise).
Status parse_precision(const nlohmann::json& j, IndicatorDefinition& d) {
  d.precision = d.kind == IndicatorKind::kCount ? 0 : 1;
  auto it = j.find("precision");
  if (it == j.end()) return {};
  if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > 6)
    return Error::invalid("precision", "chỉ tiêu " + d.code + ": 'precision' phải là số nguyên từ 0 đến 6",
                          "indicator " + d.code + ": 'precision' must be a whole number from 0 to 6");
  d.precision = int(it->get<int64_t>());
  return {};
}

bool is_colour(const std::string& s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (size_t i = 1; i < s.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// "bands": [{"upper": x|null, "upper_inclusive": bool, "vi", "en", "colour": "#rrggbb"}, ...],
// in increasing order of `upper`; only the last may have none.
Status parse_bands(const nlohmann::json& j, IndicatorDefinition& d) {
  auto it = j.find("bands");
  if (it == j.end() || it->is_null()) return {};
  auto bad = [&](const std::string& vi, const std::string& en) {
    return Error::invalid("bands", "chỉ tiêu " + d.code + ": " + vi, "indicator " + d.code + ": " + en);
  };
  if (!it->is_array()) return bad("'bands' phải là mảng", "'bands' must be an array");
  for (const auto& b : *it) {
    if (!b.is_object()) return bad("mỗi khoảng phải là đối tượng", "each band must be an object");
    if (!d.bands.empty() && !d.bands.back().upper)
      return bad("chỉ khoảng cuối cùng được không có 'upper'", "only the last band may have no 'upper'");
    IndicatorBand band;
    if (auto u = b.find("upper"); u != b.end() && !u->is_null()) {
      if (!u->is_number()) return bad("'upper' phải là số hoặc null", "'upper' must be a number or null");
      band.upper = u->get<double>();
      if (!d.bands.empty() && *band.upper <= *d.bands.back().upper)
        return bad("các 'upper' phải tăng dần", "the bands' 'upper' must increase");
    }
    if (auto inc = b.find("upper_inclusive"); inc != b.end()) {
      if (!inc->is_boolean()) return bad("'upper_inclusive' phải là true hoặc false", "'upper_inclusive' must be true or false");
      band.upper_inclusive = inc->get<bool>();
    }
    for (auto [key, field] : {std::pair{"vi", &band.vi}, std::pair{"en", &band.en}, std::pair{"colour", &band.colour}}) {
      auto f = b.find(key);
      if (f == b.end() || !f->is_string() || f->get<std::string>().empty())
        return bad(std::string("mỗi khoảng cần '") + key + "'", std::string("each band needs '") + key + "'");
      *field = f->get<std::string>();
    }
    if (!is_colour(band.colour))
      return bad("màu '" + band.colour + "' phải có dạng #rrggbb", "colour '" + band.colour + "' must look like #rrggbb");
    d.bands.push_back(std::move(band));
  }
  return {};
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
  if (auto st = parse_precision(j, d); !st) return st.error();
  if (auto st = parse_bands(j, d); !st) return st.error();
  return d;
}

double sum(const std::vector<MeasureRef>& ms, const UnitCounts& c) {
  double v = 0;
  for (const auto& m : ms) v += measure_value(c, m);
  return v;
}

}  // namespace

const char* indicator_kind_name(IndicatorKind kind) {
  switch (kind) {
    case IndicatorKind::kCount: return "count";
    case IndicatorKind::kRatio: return "ratio";
    case IndicatorKind::kDifference: return "difference";
    case IndicatorKind::kMethod: return "method";
  }
  return "ratio";
}

const IndicatorBand* IndicatorDefinition::band_of(double value) const {
  for (const auto& b : bands)
    if (!b.upper || value < *b.upper || (b.upper_inclusive && value == *b.upper)) return &b;
  return nullptr;
}

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
