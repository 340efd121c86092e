#include "http/api.h"

namespace danso::http {

Router make_api(ApiContext& ctx) {
  Router r;
  r.add({bhttp::verb::get, "/api/v1/health", Access::kPublic,
         [&ctx](const RouteRequest& rq) {
           std::lock_guard<std::mutex> lock(ctx.store_mu);
           try {
             const int version = ctx.store.schema_version();
             return json_response(rq.http, bhttp::status::ok, {{"status", "ok"}, {"schema_version", version}});
           } catch (const std::exception&) {
             return error_response(rq.http, bhttp::status::service_unavailable, "database_unavailable",
                                   "cơ sở dữ liệu không trả lời", "the database does not answer");
           }
         },
         "200 when the database answers"});
  r.add({bhttp::verb::get, "/api/v1/openapi.json", Access::kPublic,
         [&r](const RouteRequest& rq) { return json_response(rq.http, bhttp::status::ok, openapi_document(r)); },
         "this API's OpenAPI 3 document"});
  return r;
}

nlohmann::ordered_json openapi_document(const Router& router) {
  nlohmann::ordered_json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "DanSo API"}, {"version", "0.1.0"}};
  nlohmann::ordered_json paths = nlohmann::ordered_json::object();
  for (const Route& route : router.routes()) {
    std::string method(bhttp::to_string(route.method));
    for (auto& c : method) c = char(std::tolower(static_cast<unsigned char>(c)));
    nlohmann::ordered_json op;
    op["summary"] = route.summary;
    op["security"] = route.access == Access::kPublic ? nlohmann::ordered_json::array()
                                                     : nlohmann::ordered_json::array({{{"session", nlohmann::ordered_json::array()}}});
    op["responses"] = {{"200", {{"description", "OK"}}}, {"default", {{"description", "error (JSON with code, field, message_vi, message_en)"}}}};
    paths[route.pattern][method] = op;
  }
  doc["paths"] = paths;
  doc["components"] = {{"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "__Host-danso_session"}}}}}};
  return doc;
}

}  // namespace danso::http
