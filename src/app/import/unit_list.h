// The entries of a complete national unit list (JSON: an array of provinces,
// each with its District > Ward before the 2025 reform, its Wards after it),
// in the file's order, parents before their units. Read by the importer of
// unit lists (import_unit_list.cpp) and by the national register of the
// benchmarks (app/demo_province/national.h).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/unit.h"

namespace danso {

struct UnitListEntry {
  std::string code;
  std::string name;  // NFC
  UnitKind kind;
  int level;
  std::string parent_code;
  std::string path;  // where in the file, for messages
};

std::vector<UnitListEntry> unit_list_entries(const nlohmann::json& doc);

}  // namespace danso
