#include "app/analysis/catalogue_view.h"

#include <algorithm>

namespace danso::analysis {

RegisterCoverage register_coverage(const analytics::RegisterSnapshot& s, Date today) {
  int32_t first = today.days(), last = today.days();
  for (const auto& sp : s.spells) first = std::min(first, sp.start);
  if (s.first_event_day) first = std::min(first, *s.first_event_day);
  if (s.last_event_day) last = std::max(last, *s.last_event_day);
  return {Date::from_days(first), Date::from_days(last)};
}

nlohmann::ordered_json indicator_heading_json(const analytics::IndicatorDefinition& def) {
  return {{"code", def.code}, {"vi", def.vi}, {"en", def.en}, {"unit", def.unit}, {"precision", def.precision}};
}

nlohmann::ordered_json catalogue_json(const analytics::IndicatorCatalogue& catalogue, const RegisterCoverage& covered) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& def : catalogue.definitions()) {
    nlohmann::ordered_json bands = nlohmann::ordered_json::array();
    for (const auto& b : def.bands)
      bands.push_back({{"upper", b.upper ? nlohmann::ordered_json(*b.upper) : nlohmann::ordered_json(nullptr)},
                       {"upper_inclusive", b.upper_inclusive},
                       {"vi", b.vi},
                       {"en", b.en},
                       {"colour", b.colour}});
    list.push_back({{"code", def.code},
                    {"vi", def.vi},
                    {"en", def.en},
                    {"unit", def.unit},
                    {"kind", analytics::indicator_kind_name(def.kind)},
                    {"precision", def.precision},
                    {"bands", std::move(bands)}});
  }
  nlohmann::ordered_json out;
  out["indicators"] = std::move(list);
  out["covered"] = {{"first", covered.first.iso()}, {"last", covered.last.iso()}};
  return out;
}

}  // namespace danso::analysis
