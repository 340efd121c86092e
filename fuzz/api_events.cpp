// POST /api/v1/events: one information slip (phiếu thu tin).
#include "api_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using danso::fuzz::Api;
  using verb = danso::http::bhttp::verb;
  static const std::vector<danso::fuzz::Target> targets = {{verb::post, "/api/v1/events"},
                                                           {verb::post, "/api/v1/events", false}};
  Api::get().send(data, size, targets);
  return 0;
}
