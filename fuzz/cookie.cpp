// The Cookie header (http/router.h cookie_value): the session cookie and
// names near it, out of a fuzzed header value. A value found is part of the
// header.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/api.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso::http;
  Request req{bhttp::verb::get, "/api/v1/session", 11};
  const std::string header(reinterpret_cast<const char*>(data), size);
  req.set(bhttp::field::cookie, header);
  for (const char* name : {kSessionCookie, "a", "", "__Host-danso_session ", "=", ";"}) {
    const std::string v = cookie_value(req, name);
    if (!v.empty() && std::string(req[bhttp::field::cookie]).find(v) == std::string::npos) std::abort();
  }
  return 0;
}
