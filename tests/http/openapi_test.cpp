// The OpenAPI document is generated from the route table: every route is in
// it with its method, security, parameters and permission, and nothing else.
#include "http_fixture.h"

namespace danso::test {
namespace {

TEST_F(ApiTest, OpenApiDocumentMatchesTheRouteTable) {
  const Reply r = call(nullptr, http::bhttp::verb::get, "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200u);
  const auto& paths = r.body["paths"];
  size_t operations = 0;
  for (const auto& [path, ops] : paths.items()) operations += ops.size();
  EXPECT_EQ(operations, router_->routes().size());
  for (const http::Route& route : router_->routes()) {
    std::string method(http::bhttp::to_string(route.method));
    for (auto& c : method) c = char(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(paths.contains(route.pattern) && paths[route.pattern].contains(method)) << method << " " << route.pattern;
    const auto& op = paths[route.pattern][method];
    EXPECT_EQ(op["summary"], route.summary);
    EXPECT_EQ(op["security"].empty(), !route.access.signed_in) << route.pattern;
    if (route.access.permission) {
      EXPECT_EQ(op["x-danso-permission"], kPermissions.code(*route.access.permission));
    }
  }
  const auto& patch = paths["/api/v1/users/{id}"]["patch"];
  EXPECT_EQ(patch["x-danso-permission"], "manage_users");
  EXPECT_EQ(patch["x-danso-scope"][0]["names"], "user");
  EXPECT_EQ(patch["parameters"][0]["name"], "id");
  EXPECT_EQ(patch["parameters"][1]["name"], "X-CSRF-Token");
  EXPECT_EQ(r.body["components"]["securitySchemes"]["session"]["name"], "__Host-danso_session");
  EXPECT_TRUE(paths["/api/v1/session"]["post"]["security"].empty());

  // The register's routes: their scope kinds and query parameters.
  std::vector<std::string> names;
  for (const auto& p : paths["/api/v1/persons"]["get"]["parameters"]) names.push_back(p["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"unit", "q", "on", "living", "resident", "sex", "for", "page", "per_page",
                                             "format", "lang"}));
  EXPECT_EQ(paths["/api/v1/persons"]["get"]["x-danso-permission"], "read_register");
  EXPECT_EQ(paths["/api/v1/households/{id}"]["get"]["x-danso-scope"][0]["names"], "household");
  EXPECT_EQ(paths["/api/v1/persons/{id}"]["get"]["x-danso-scope"][0]["names"], "person");
  EXPECT_EQ(paths["/api/v1/events/{id}"]["get"]["x-danso-scope"][0]["names"], "event");
  EXPECT_EQ(paths["/api/v1/units/{code}/children"]["get"]["x-danso-scope"][0]["names"], "unit");
  EXPECT_EQ(paths["/api/v1/events"]["post"]["x-danso-permission"], "write_register");
  EXPECT_TRUE(paths["/api/v1/events"]["post"]["responses"].contains("201"));
  names.clear();
  for (const auto& p : paths["/api/v1/indicators"]["get"]["parameters"]) names.push_back(p["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"unit", "period", "children", "format", "lang"}));
}

TEST_F(ApiTest, ErrorsCarryTheSecurityHeaders) {
  for (const char* target : {"/api/v1/nothing-here", "/api/v1/users", "/api/v1/health"}) {
    const Reply r = call(nullptr, http::bhttp::verb::get, target);
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_EQ(r.header("Cache-Control"), "no-store") << target;
    EXPECT_NE(r.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos) << target;
  }
  EXPECT_EQ(call(nullptr, http::bhttp::verb::get, "/api/v1/users").status, 401u);
  EXPECT_EQ(call(nullptr, http::bhttp::verb::post, "/api/v1/health").status, 405u);
}

}  // namespace
}  // namespace danso::test
