#include "app/catalogue_file.h"

#include <fstream>

namespace danso {

Result<analytics::IndicatorCatalogue> catalogue_with_file(const std::string& path) {
  auto catalogue = analytics::IndicatorCatalogue::defaults();
  if (path.empty()) return catalogue;
  std::ifstream in(path);
  if (!in) return Error::not_found("catalogue", "không mở được " + path, "cannot open " + path);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    return Error::invalid("catalogue", std::string("JSON không hợp lệ: ") + e.what(),
                          std::string("invalid JSON: ") + e.what());
  }
  if (auto st = catalogue.merge_json(doc); !st) return st.error();
  return catalogue;
}

}  // namespace danso
