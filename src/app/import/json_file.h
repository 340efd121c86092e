// Reads a JSON file for import: UTF-8 checked, parse errors in both languages.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/result.h"

namespace danso::import_detail {

Result<nlohmann::json> read_json_file(const std::string& path);
// A string member of a JSON object; empty when `node` is not an object or
// the member is absent or not a string. Never throws, whatever the file holds
// (nlohmann::json::value() throws on a member of another type).
std::string string_member(const nlohmann::json& node, const char* key);

}  // namespace danso::import_detail
