#include "app/boundaries/geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace danso {

namespace {

struct GeoExtent {
  double west = std::numeric_limits<double>::infinity(), south = west;
  double east = -west, north = -west;
  void add(double lon, double lat) {
    west = std::min(west, lon), east = std::max(east, lon);
    south = std::min(south, lat), north = std::max(north, lat);
  }
};

Error geometry_error(const std::string& where, const std::string& vi, const std::string& en) {
  return Error::invalid("geometry", "hình học không hợp lệ (" + where + "): " + vi,
                        "malformed geometry (" + where + "): " + en);
}

// One ring: an array of [lon, lat] positions, closed, four or more.
Status check_ring(const nlohmann::json& ring, const std::string& where, GeoExtent& extent) {
  if (!ring.is_array()) return geometry_error(where, "vòng phải là một mảng toạ độ", "a ring must be an array of positions");
  if (ring.size() < 4)
    return geometry_error(where, "vòng cần ít nhất 4 điểm", "a ring needs at least 4 positions");
  for (size_t i = 0; i < ring.size(); ++i) {
    const auto& p = ring[i];
    if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
      return geometry_error(where + "[" + std::to_string(i) + "]", "điểm phải là [kinh độ, vĩ độ]",
                            "a position must be [longitude, latitude]");
    const double lon = p[0].get<double>(), lat = p[1].get<double>();
    if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90)
      return geometry_error(where + "[" + std::to_string(i) + "]", "toạ độ ngoài [-180, 180] x [-90, 90]",
                            "coordinates outside [-180, 180] x [-90, 90]");
    extent.add(lon, lat);
  }
  if (ring.front()[0] != ring.back()[0] || ring.front()[1] != ring.back()[1])
    return geometry_error(where, "vòng không khép kín (điểm cuối khác điểm đầu)",
                          "the ring is not closed (last position differs from the first)");
  return {};
}

Status check_polygon(const nlohmann::json& rings, const std::string& where, GeoExtent& extent) {
  if (!rings.is_array() || rings.empty())
    return geometry_error(where, "đa giác cần ít nhất một vòng", "a polygon needs at least one ring");
  for (size_t r = 0; r < rings.size(); ++r)
    if (auto st = check_ring(rings[r], where + "[" + std::to_string(r) + "]", extent); !st) return st;
  return {};
}

}  // namespace

Result<UnitBoundary> boundary_from_geometry(const nlohmann::json& geometry) {
  if (!geometry.is_object()) return geometry_error("geometry", "thiếu hình học", "the geometry is missing");
  const auto type = geometry.find("type");
  const auto coords = geometry.find("coordinates");
  if (type == geometry.end() || !type->is_string() || coords == geometry.end())
    return geometry_error("geometry", "cần type và coordinates", "type and coordinates are required");
  GeoExtent extent;
  if (*type == "Polygon") {
    if (auto st = check_polygon(*coords, "coordinates", extent); !st) return st.error();
  } else if (*type == "MultiPolygon") {
    if (!coords->is_array() || coords->empty())
      return geometry_error("coordinates", "MultiPolygon cần ít nhất một đa giác",
                            "a MultiPolygon needs at least one polygon");
    for (size_t k = 0; k < coords->size(); ++k)
      if (auto st = check_polygon((*coords)[k], "coordinates[" + std::to_string(k) + "]", extent); !st)
        return st.error();
  } else {
    return geometry_error("type", "chỉ nhận Polygon hoặc MultiPolygon, không nhận '" + type->dump() + "'",
                          "only Polygon or MultiPolygon, not '" + type->dump() + "'");
  }
  UnitBoundary b;
  b.geometry = nlohmann::json{{"type", *type}, {"coordinates", *coords}}.dump();
  b.west = extent.west, b.south = extent.south, b.east = extent.east, b.north = extent.north;
  return b;
}

}  // namespace danso
