// Reads a JSON file for import: UTF-8 checked, parse errors in both languages.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/result.h"

namespace danso::import_detail {

Result<nlohmann::json> read_json_file(const std::string& path);

}  // namespace danso::import_detail
