// The query string of a request (http/router.h parse_query, url_decode).
#include <cstdint>
#include <string_view>

#include "http/router.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso::http;
  const std::string_view q(reinterpret_cast<const char*>(data), size);
  const QueryParams params = parse_query(q);
  for (const auto& [name, value] : params) (void)url_decode(value);
  return 0;
}
