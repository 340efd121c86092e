// POST /api/v1/reports (compute) and the steps of a submitted report:
// approve, return (a comment) and submit.
#include "api_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using danso::fuzz::Api;
  using verb = danso::http::bhttp::verb;
  static const std::string report = "/api/v1/reports/" + std::to_string(Api::get().report_id());
  static const std::vector<danso::fuzz::Target> targets = {{verb::post, "/api/v1/reports", false},
                                                           {verb::post, report + "/approve"},
                                                           {verb::post, report + "/return"},
                                                           {verb::post, report + "/submit", false}};
  Api::get().send(data, size, targets);
  return 0;
}
