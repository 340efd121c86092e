#include "app/register_stats.h"

#include <set>
#include <sstream>
#include <unordered_set>

#include "core/unit_tree.h"

namespace danso {

Result<RegisterStats> register_stats(Store& store, const std::optional<std::string>& unit_code, Date at) {
  RegisterStats s;
  s.at = at;
  s.unit_code = unit_code;
  const UnitTree tree(store.load_units(), store.load_unit_links());
  std::unordered_set<int64_t> scope;  // empty: everything
  if (unit_code) {
    auto id = tree.resolve_or_error(*unit_code, at, "unit");
    if (!id) return id.error();
    s.unit_name = tree.find(*id)->name;
    for (UnitId u : tree.subtree_on(*id, at)) scope.insert(u.value);
    for (UnitId u : tree.subtree_on(*id, at)) ++s.units_by_level[tree.depth_on(u, at)];
  } else {
    for (const OrgUnit* u : tree.valid_on(at)) ++s.units_by_level[tree.depth_on(u->id, at)];
  }
  // A village counts where it is on `at`: a household of a village renamed,
  // moved or merged since it was registered is in that village as it is now.
  auto in_scope = [&](UnitId v) {
    if (!unit_code) return true;
    const OrgUnit* now = tree.current(v, at);
    return scope.count(now ? now->id.value : v.value) > 0;
  };
  for (const auto& c : store.households_by_village(at))
    if (in_scope(c.village)) s.households += c.count;
  for (const auto& c : store.residents_by_village(at))
    if (in_scope(c.village)) s.persons += c.count;
  for (const auto& c : store.events_by_village_type_year(at)) {
    if (!in_scope(c.village)) continue;
    s.events_by_type[c.type] += c.count;
    s.events_by_type_year[c.type][c.year] += c.count;
  }
  return s;
}

nlohmann::ordered_json to_json(const RegisterStats& s) {
  nlohmann::ordered_json j;
  j["at"] = s.at.iso();
  if (s.unit_code) {
    j["unit"] = *s.unit_code;
    j["unit_name"] = s.unit_name;
  }
  nlohmann::ordered_json levels = nlohmann::ordered_json::object();
  for (auto [level, n] : s.units_by_level) levels[std::to_string(level)] = n;
  j["units_by_level"] = levels;
  j["households"] = s.households;
  j["persons"] = s.persons;
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  for (const auto& e : kEventTypes.entries()) {
    auto it = s.events_by_type.find(e.value);
    types[e.code] = it == s.events_by_type.end() ? 0 : it->second;
  }
  j["events_by_type"] = types;
  nlohmann::ordered_json years = nlohmann::ordered_json::object();
  for (const auto& [type, by_year] : s.events_by_type_year) {
    nlohmann::ordered_json y = nlohmann::ordered_json::object();
    for (auto [year, n] : by_year) y[std::to_string(year)] = n;
    years[kEventTypes.code(type)] = y;
  }
  j["events_by_type_year"] = years;
  return j;
}

std::string to_table(const RegisterStats& s) {
  std::ostringstream out;
  out << "Sổ dân số / Register on " << s.at.iso();
  if (s.unit_code) out << " — " << *s.unit_code << " " << s.unit_name;
  out << "\n\n";
  out << "Đơn vị theo cấp / Units by level\n";
  for (auto [level, n] : s.units_by_level) out << "  level " << level << ": " << n << "\n";
  out << "\nHộ / Households: " << s.households << "\nNhân khẩu / Persons: " << s.persons << "\n\n";
  std::set<int> years;
  for (const auto& [t, by_year] : s.events_by_type_year)
    for (auto [y, n] : by_year) years.insert(y);
  char buf[64];
  out << "Sự kiện theo loại và năm / Events by type and year\n";
  std::snprintf(buf, sizeof buf, "  %-24s", "type");
  out << buf;
  for (int y : years) {
    std::snprintf(buf, sizeof buf, "%9d", y);
    out << buf;
  }
  out << "    total\n";
  for (const auto& e : kEventTypes.entries()) {
    auto it = s.events_by_type_year.find(e.value);
    std::snprintf(buf, sizeof buf, "  %-24s", e.code);
    out << buf;
    int64_t total = 0;
    for (int y : years) {
      int64_t n = 0;
      if (it != s.events_by_type_year.end())
        if (auto k = it->second.find(y); k != it->second.end()) n = k->second;
      total += n;
      std::snprintf(buf, sizeof buf, "%9lld", static_cast<long long>(n));
      out << buf;
    }
    std::snprintf(buf, sizeof buf, "%9lld\n", static_cast<long long>(total));
    out << buf;
  }
  return out.str();
}

}  // namespace danso
