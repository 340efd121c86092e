// POST /api/v1/persons and PATCH /api/v1/persons/{id}.
#include "api_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using danso::fuzz::Api;
  using verb = danso::http::bhttp::verb;
  static const std::vector<danso::fuzz::Target> targets = {
      {verb::post, "/api/v1/persons"}, {verb::patch, "/api/v1/persons/1011"},
      {verb::post, "/api/v1/persons", false}, {verb::patch, "/api/v1/persons/1012", false}};
  Api::get().send(data, size, targets);
  return 0;
}
