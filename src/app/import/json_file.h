// A JSON file's text for import (its bytes, read once by import_file):
// UTF-8 checked, parse errors in both languages; `path` names it in messages.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/result.h"

namespace danso::import_detail {

Result<nlohmann::json> parse_json_file(const std::string& path, const std::string& text);
// A string member of a JSON object; empty when `node` is not an object or
// the member is absent or not a string. Never throws, whatever the file holds
// (nlohmann::json::value() throws on a member of another type).
std::string string_member(const nlohmann::json& node, const char* key);

}  // namespace danso::import_detail
