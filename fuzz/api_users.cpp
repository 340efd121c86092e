// POST /api/v1/users and PATCH /api/v1/users/{id}. (A body that passes every
// check costs an argon2id hash: such inputs run slowly.)
#include "api_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using danso::fuzz::Api;
  using verb = danso::http::bhttp::verb;
  static const std::vector<danso::fuzz::Target> targets = {
      {verb::post, "/api/v1/users"}, {verb::patch, Api::get().other_user_path()},
      {verb::patch, Api::get().other_user_path(), false}};
  Api::get().send(data, size, targets);
  return 0;
}
