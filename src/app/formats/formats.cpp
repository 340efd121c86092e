#include "app/formats/formats.h"

namespace danso::formats {

std::vector<std::string> Columns::optional() const {
  std::vector<std::string> out;
  for (const auto& c : all) {
    bool req = false;
    for (const auto& r : required) req = req || r == c;
    if (!req) out.push_back(c);
  }
  return out;
}

std::string opt_date_text(const std::optional<Date>& d) { return d ? d->iso() : std::string(); }
std::string id_text(int64_t id) { return id > 0 ? std::to_string(id) : std::string(); }

}  // namespace danso::formats
