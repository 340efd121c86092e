// POST /api/v1/households and PATCH /api/v1/households/{id}.
#include "api_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using danso::fuzz::Api;
  using verb = danso::http::bhttp::verb;
  static const std::vector<danso::fuzz::Target> targets = {
      {verb::post, "/api/v1/households"}, {verb::patch, "/api/v1/households/101"},
      {verb::post, "/api/v1/households", false}, {verb::patch, "/api/v1/households/102", false}};
  Api::get().send(data, size, targets);
  return 0;
}
