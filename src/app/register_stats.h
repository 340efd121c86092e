// Register statistics: what the register holds on a date, for the whole
// database or one unit's subtree on the hierarchy valid that day. Levels are
// depths on that day (1 = top), so the same code serves four levels before
// the 2025 reform and three after it.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/event.h"
#include "store/store.h"

namespace danso {

struct RegisterStats {
  Date at;
  std::optional<std::string> unit_code;
  std::string unit_name;
  std::map<int, int64_t> units_by_level;
  int64_t households = 0;  // registered on or before `at`
  int64_t persons = 0;     // living in the area on `at`
  std::map<EventType, int64_t> events_by_type;                 // dated on or before `at`
  std::map<EventType, std::map<int, int64_t>> events_by_type_year;
};

Result<RegisterStats> register_stats(Store& store, const std::optional<std::string>& unit_code, Date at);
nlohmann::ordered_json to_json(const RegisterStats& s);
std::string to_table(const RegisterStats& s);

}  // namespace danso
