// The API's routes: each declared once in the route table with its access
// policy, its handler thin (parse, call app/, render). docs/api.md lists them.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "app/accounts/accounts.h"
#include "http/router.h"
#include "store/store.h"

namespace danso::http {

inline constexpr const char* kSessionCookie = "__Host-danso_session";

struct ApiOptions {
  bool tls = false;                 // served over TLS: the session cookie is Secure
  accounts::Options accounts;       // session timeouts, sign-in throttling
  std::function<int64_t()> clock;   // Unix seconds; the system clock when empty
};

struct ApiContext {
  Store& store;
  std::mutex store_mu;  // one SQLite connection, one caller at a time
  ApiOptions options;
  accounts::Accounts accounts;
  explicit ApiContext(Store& s, ApiOptions o = {})
      : store(s), options(std::move(o)), accounts(s, store_mu, options.accounts) {}
  int64_t now() const;
};

Router make_api(ApiContext& ctx);
// The OpenAPI 3 document describing the router's routes.
nlohmann::ordered_json openapi_document(const Router& router);

// Route groups, each in its own file.
void add_session_routes(Router& r, ApiContext& ctx);   // session_routes.cpp
void add_user_routes(Router& r, ApiContext& ctx);      // user_routes.cpp

// A JSON request body, or the error to answer (415 unless JSON, 400 if malformed).
struct JsonBody {
  nlohmann::json value;
  std::optional<Response> error;
};
JsonBody parse_json_body(const Request& req);

}  // namespace danso::http
