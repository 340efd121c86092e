// POST /api/v1/session (sign-in) and PUT /api/v1/session/totp. (Sign-in
// hashes the password, until the address is throttled.)
#include "api_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using danso::fuzz::Api;
  using verb = danso::http::bhttp::verb;
  static const std::vector<danso::fuzz::Target> targets = {{verb::post, "/api/v1/session"},
                                                           {verb::put, "/api/v1/session/totp", false}};
  Api::get().send(data, size, targets);
  return 0;
}
