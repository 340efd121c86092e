// A JSON file's text for import (its bytes, read once by import_file):
// UTF-8 checked, parse errors in both languages; `path` names it in messages.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/result.h"

namespace danso::import_detail {

Result<nlohmann::json> parse_json_file(const std::string& path, const std::string& text);

}  // namespace danso::import_detail
