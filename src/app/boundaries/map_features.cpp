#include "app/boundaries/map_features.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace danso {

std::string boundaries_feature_collection(Database& db, std::span<const OrgUnit> units) {
  std::vector<UnitId> ids;
  ids.reserve(units.size());
  for (const OrgUnit& u : units) ids.push_back(u.id);
  const std::vector<UnitBoundary> rows = db.read([&](Store& s) { return s.boundaries_of(ids); });
  std::unordered_map<int64_t, const UnitBoundary*> by_unit;
  for (const UnitBoundary& b : rows) by_unit.emplace(b.unit.value, &b);
  double west = std::numeric_limits<double>::infinity(), south = west, east = -west, north = -west;
  std::string out = R"({"type":"FeatureCollection","features":[)";
  nlohmann::json missing = nlohmann::json::array();
  bool first = true;
  for (const OrgUnit& u : units) {
    const auto it = by_unit.find(u.id.value);
    if (it == by_unit.end()) {
      missing.push_back(u.code);
      continue;
    }
    const UnitBoundary& b = *it->second;
    west = std::min(west, b.west), south = std::min(south, b.south);
    east = std::max(east, b.east), north = std::max(north, b.north);
    const nlohmann::json head = {{"type", "Feature"},
                                 {"id", u.code},
                                 {"bbox", {b.west, b.south, b.east, b.north}},
                                 {"properties", {{"code", u.code}, {"name", u.name}, {"kind", kUnitKinds.code(u.kind)}}}};
    std::string text = head.dump();
    text.pop_back();  // the closing brace: the geometry goes in as stored
    if (!first) out += ',';
    first = false;
    out += text + R"(,"geometry":)" + b.geometry + '}';
  }
  out += R"(],"missing":)" + missing.dump();
  if (!rows.empty()) out += R"(,"bbox":)" + nlohmann::json{west, south, east, north}.dump();
  out += '}';
  return out;
}

}  // namespace danso
