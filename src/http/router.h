// Router: the one table of every API route — method, path pattern, the
// permission it needs and its handler. Authorization is checked here, in one
// place, before any handler runs; a route without a policy cannot be added.
//
//   router.add({verb::get, "/api/v1/units/{code}", Access::kSignedIn, handler});
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/response.h"

namespace danso::http {

// Who may call a route. Scope checks on the unit a route touches are made
// by the handler's unit resolver once accounts exist; until then only
// public routes are served.
enum class Access { kPublic, kSignedIn };

using PathParams = std::map<std::string, std::string>;
using QueryParams = std::map<std::string, std::string>;

struct RouteRequest {
  const Request& http;
  PathParams path;
  QueryParams query;
};

using Handler = std::function<Response(const RouteRequest&)>;

struct Route {
  bhttp::verb method;
  std::string pattern;  // segments; "{name}" captures one segment
  Access access;
  Handler handler;
  std::string summary;  // for the OpenAPI document
};

class Router {
 public:
  void add(Route r) { routes_.push_back(std::move(r)); }
  const std::vector<Route>& routes() const { return routes_; }
  // Finds the route, checks access and runs it; 404/405 otherwise.
  Response dispatch(const Request& req) const;

 private:
  std::vector<Route> routes_;
};

// Splits "a=1&b=x%20y" into decoded pairs.
QueryParams parse_query(std::string_view query);
std::string url_decode(std::string_view s);

}  // namespace danso::http
