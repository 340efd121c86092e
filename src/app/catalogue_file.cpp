#include "app/catalogue_file.h"

#include <fstream>

namespace danso {

Result<analytics::IndicatorCatalogue> catalogue_with_file(const std::string& path) {
  auto catalogue = analytics::IndicatorCatalogue::defaults();
  if (path.empty()) return catalogue;
  std::ifstream in(path);
  if (!in) return Error::not_found("catalogue", "không mở được " + path, "cannot open " + path);
  // A syntax error, a number too large (out_of_range) or a member of another
  // type than the catalogue's (type_error) is the file's error, not the program's.
  try {
    const nlohmann::json doc = nlohmann::json::parse(in);
    if (auto st = catalogue.merge_json(doc); !st) return st.error();
  } catch (const nlohmann::json::exception& e) {
    return Error::invalid("catalogue", path + ": JSON không hợp lệ: " + e.what(), path + ": invalid JSON: " + e.what());
  }
  return catalogue;
}

}  // namespace danso
