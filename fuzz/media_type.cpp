// A Content-Type value (http/media_type.h). What parses has a non-empty
// type and subtype in lower case and parameters named once.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/media_type.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso::http;
  const auto m = parse_media_type(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!m) return 0;
  auto lower = [](const std::string& s) {
    for (char c : s)
      if (c >= 'A' && c <= 'Z') return false;
    return true;
  };
  if (m->type.empty() || m->subtype.empty() || !lower(m->type) || !lower(m->subtype)) std::abort();
  for (size_t i = 0; i < m->params.size(); ++i) {
    if (m->params[i].first.empty() || !lower(m->params[i].first)) std::abort();
    for (size_t j = 0; j < i; ++j)
      if (m->params[i].first == m->params[j].first) std::abort();
  }
  return 0;
}
