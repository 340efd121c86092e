// The API's routes: each declared once in the route table with its access
// policy, its handler thin (parse, call app/, render). docs/api.md lists them.
#pragma once

#include <memory>
#include <mutex>

#include "http/router.h"
#include "store/store.h"

namespace danso::http {

struct ApiContext {
  Store& store;
  std::mutex store_mu;  // one SQLite connection, one caller at a time
  explicit ApiContext(Store& s) : store(s) {}
};

Router make_api(ApiContext& ctx);
// The OpenAPI 3 document describing the router's routes.
nlohmann::ordered_json openapi_document(const Router& router);

}  // namespace danso::http
