#include "app/import/json_file.h"

#include "app/csv/csv_reader.h"

namespace danso::import_detail {

Result<nlohmann::json> parse_json_file(const std::string& path, const std::string& text) {
  if (auto bad = find_invalid_utf8(text))
    return Error::invalid("file", path + ": tệp không phải UTF-8 (byte lỗi ở dòng " + std::to_string(bad->line) + ")",
                          path + ": the file is not UTF-8 (bad byte on line " + std::to_string(bad->line) + ")");
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number too large (out_of_range)
    return Error::invalid("file", path + ": JSON không hợp lệ: " + e.what(), path + ": invalid JSON: " + e.what());
  }
}

std::string string_member(const nlohmann::json& node, const char* key) {
  if (!node.is_object()) return {};
  const auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace danso::import_detail
