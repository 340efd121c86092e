// Router: the one table of every API route — method, path pattern, the
// access policy it declares and its handler. Access is checked here, in one
// place, before any handler runs; a route without a policy cannot be added.
// In order: a signed-in session (401), the CSRF token on every request that
// is not GET or HEAD (403), the role's permission (403), then the scope: each
// parameter of the path or query the policy names (a unit code, a user id)
// must designate a record inside the user's unit subtree (a household,
// person or event through its village), and "not yours" answers exactly
// like "does not exist" (404). Body fields naming records are declared too
// and checked by the use case (see ParamIn).
//
//   router.add({verb::get, "/api/v1/users/{id}",
//               Access::needs(Permission::kManageUsers).scoped(ScopeKind::kUser, "id"), handler, "one user"});
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "app/accounts/accounts.h"
#include "core/role.h"
#include "http/response.h"

namespace danso::http {

using accounts::Principal;

// What a scoped parameter names: a unit by its code (a village's, for
// kVillage), a user, household, person, event, report or staff member by
// its id. A record is in scope when its unit is (a household and an event
// by their village, a person by the village they live in on the day:
// app/register_scope.h, a report by the unit it reports on, a staff member
// by the units of their assignments; a plan by its unit, or when the user's
// unit lies within it: the plan applies to them; a saved reward run by the
// unit it judged; a favourite when it is the user's own). An id is a clean positive integer
// (core/record_id.h): anything else in a path or a query names nothing (404).
enum class ScopeKind { kUnit, kVillage, kUser, kHousehold, kPerson, kEvent, kReport, kStaff, kPlan, kRewardRun, kTask, kFavourite };
const char* scope_kind_name(ScopeKind kind);

// Where a scoped parameter is: the path ("{name}"), the query (checked when
// present) or the JSON body. The router checks those of the path and the
// query before the handler runs; a body's are declared here (for the
// OpenAPI document and the access-matrix test) and checked by the use case
// on the values as it parses and writes them (app/register_scope.h), with
// the same answer: 404 naming the field, as for a record that does not exist.
enum class ParamIn { kPath, kQuery, kBody };
const char* param_in_name(ParamIn in);

struct ScopeParam {
  ScopeKind kind;
  std::string name;
  ParamIn in = ParamIn::kPath;
};

// A route's access policy.
struct Access {
  bool signed_in = true;                  // false: anyone, no session needed
  std::optional<Permission> permission;   // none: any signed-in user
  std::vector<ScopeParam> scope;

  static Access anyone() { return {false, std::nullopt, {}}; }
  static Access signed_in_user() { return {true, std::nullopt, {}}; }
  static Access needs(Permission p) { return {true, p, {}}; }
  Access scoped(ScopeKind kind, std::string path_param) && {
    scope.push_back({kind, std::move(path_param), ParamIn::kPath});
    return std::move(*this);
  }
  Access scoped_query(ScopeKind kind, std::string query_param) && {
    scope.push_back({kind, std::move(query_param), ParamIn::kQuery});
    return std::move(*this);
  }
  Access scoped_body(ScopeKind kind, std::string field) && {
    scope.push_back({kind, std::move(field), ParamIn::kBody});
    return std::move(*this);
  }
  static const Access kPublic;
  static const Access kSignedIn;
};

class Gate;

using PathParams = std::map<std::string, std::string>;
using QueryParams = std::map<std::string, std::string>;

struct RouteRequest {
  const Request& http;
  PathParams path;
  QueryParams query;
  const Principal* principal = nullptr;  // set on every route that needs a session
  std::string remote;                    // the client's address
  // The router's scope checks, for a handler whose body names records
  // (the same answer as for a scoped parameter).
  Gate* gate = nullptr;
};

using Handler = std::function<Response(const RouteRequest&)>;
// A route's answer from memory when it has one at hand without waiting
// (nothing to compute, no database); nullopt sends the request to its lane.
using QuickHandler = std::function<std::optional<QuickAnswer>(const RouteRequest&)>;

// Where the server runs a route's handler: kStore for those that use the
// database (one caller at a time), kCompute for those answered from memory
// (the indicators), so that they never queue behind a slow write.
enum class Lane { kStore, kCompute };

struct Route {
  bhttp::verb method;
  std::string pattern;  // segments; "{name}" captures one segment
  Access access;
  Handler handler;
  std::string summary;  // for the OpenAPI document
  std::vector<std::string> query = {};  // its other query parameters, for the OpenAPI document
  Lane lane = Lane::kStore;
  QuickHandler quick = {};  // tried on the connection's thread first (see Router::try_quick)
};

// The router's view of accounts: who a request's session belongs to and
// whether a record is inside their scope.
class Gate {
 public:
  virtual ~Gate() = default;
  virtual std::optional<Principal> authenticate(const Request& req) = 0;
  // The same from what is in memory only; nullopt when that is not enough.
  virtual std::optional<Principal> authenticate_cached(const Request&) { return std::nullopt; }
  // True when `value` names an existing record of `kind` inside p's scope.
  virtual bool visible(const Principal& p, ScopeKind kind, std::string_view value) = 0;
};

class Router {
 public:
  void add(Route r);
  const std::vector<Route>& routes() const { return routes_; }
  void set_gate(std::unique_ptr<Gate> gate) { gate_ = std::move(gate); }
  // Finds the route, checks access and runs it; 404/405 otherwise.
  Response dispatch(const Request& req, std::string_view remote = {}) const;
  // The lane of the route the request names (kCompute when none: its 404 or 405 needs no database).
  Lane lane_of(const Request& req) const;
  // The answer of a route with a quick handler, when the session is known
  // from memory, access is granted from memory (units only) and the handler
  // has the answer at hand; nullopt otherwise (then dispatch() on its lane).
  std::optional<QuickAnswer> try_quick(const Request& req, std::string_view remote = {}) const;

 private:
  const Route* find(const std::vector<std::string_view>& path, bhttp::verb method, PathParams& params,
                    bool& path_matched) const;
  // Sign-in, CSRF, permission and scope checks of `route`: the refusal, or
  // nullopt with rr.principal set.
  std::optional<Response> refuse(const Route& route, RouteRequest& rr, const std::optional<Principal>& principal) const;

  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // each route's pattern, split
  std::unique_ptr<Gate> gate_;
};

// Splits "a=1&b=x%20y" into decoded pairs.
QueryParams parse_query(std::string_view query);
std::string url_decode(std::string_view s);
// The value of one cookie of the request's Cookie header; empty when absent.
std::string cookie_value(const Request& req, std::string_view name);

}  // namespace danso::http
