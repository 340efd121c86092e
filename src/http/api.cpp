#include "http/api.h"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "app/database_health.h"
#include "app/register_reads.h"
#include "http/media_type.h"
#include "core/record_id.h"

namespace danso::http {

namespace {

// The router's view of accounts: the session cookie's user, and whether a
// unit code or user id names a record inside their scope today.
class AccountsGate final : public Gate {
 public:
  explicit AccountsGate(ApiContext& ctx) : ctx_(ctx) {}
  std::optional<Principal> authenticate(const Request& req) override {
    const std::string token = cookie_value(req, kSessionCookie);
    if (token.empty()) return std::nullopt;
    return ctx_.accounts.authenticate(token, ctx_.now());
  }
  std::optional<Principal> authenticate_cached(const Request& req) override {
    const std::string token = cookie_value(req, kSessionCookie);
    if (token.empty()) return std::nullopt;
    return ctx_.accounts.authenticate_cached(token, ctx_.now());
  }
  bool visible(const Principal& p, ScopeKind kind, std::string_view value) override {
    const Date today = accounts::date_of(ctx_.now());
    if (kind == ScopeKind::kUnit || kind == ScopeKind::kVillage) return ctx_.accounts.unit_visible(p, value, today);
    const auto id = record_id_of(value);  // a clean positive integer, or nothing
    if (!id) return false;
    if (kind == ScopeKind::kUser) return ctx_.accounts.user_visible(p, UserId(*id), today);
    if (kind == ScopeKind::kPlan) {
      // A plan of a unit in scope, or of a unit the user's own lies within.
      const auto plan = ctx_.db.read([&](Store& s) { return s.find_plan(*id); });
      return plan && (ctx_.accounts.in_scope(p, plan->unit, today) ||
                      ctx_.accounts.units().within(p.unit, plan->unit, today));
    }
    if (kind == ScopeKind::kTask) {
      // A task of a unit in scope, or of a unit the user's own lies within (as plans).
      const auto task = ctx_.db.read([&](Store& s) { return s.find_task(*id); });
      return task && (ctx_.accounts.in_scope(p, task->unit, today) ||
                      ctx_.accounts.units().within(p.unit, task->unit, today));
    }
    if (kind == ScopeKind::kFavourite) {  // the user's own saved analysis
      const auto favourite = ctx_.db.read([&](Store& s) { return s.find_favourite(*id); });
      return favourite && favourite->user == p.user;
    }
    if (kind == ScopeKind::kRewardRun) {  // the unit it judged
      const auto run = ctx_.db.read([&](Store& s) { return s.find_reward_run(*id); });
      return run && ctx_.accounts.in_scope(p, run->unit, today);
    }
    // A register record: in scope when its village (or unit) is, as
    // app/register_scope.h places it today.
    std::optional<RecordKind> record;
    switch (kind) {
      case ScopeKind::kHousehold: record = RecordKind::kHousehold; break;
      case ScopeKind::kPerson: record = RecordKind::kPerson; break;
      case ScopeKind::kEvent: record = RecordKind::kEvent; break;
      case ScopeKind::kReport: record = RecordKind::kReport; break;
      case ScopeKind::kStaff: record = RecordKind::kStaff; break;
      default: break;
    }
    if (!record) return false;
    const std::vector<UnitId> units = record_units(ctx_.db, *record, *id, today);
    return std::any_of(units.begin(), units.end(),
                       [&](UnitId u) { return u.valid() && ctx_.accounts.in_scope(p, u, today); });
  }

 private:
  ApiContext& ctx_;
};

}  // namespace

int64_t ApiContext::now() const {
  if (options.clock) return options.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

JsonBody parse_json_body(const Request& req) {
  JsonBody out;
  if (req.count(bhttp::field::content_type) > 1) {
    out.error = error_response(req, bhttp::status::bad_request, "invalid_argument",
                               "Content-Type được gửi nhiều lần", "Content-Type is given more than once");
    return out;
  }
  const auto ct = req.find(bhttp::field::content_type);
  const auto type = ct == req.end() ? std::nullopt
                                    : parse_media_type(std::string_view(ct->value().data(), ct->value().size()));
  if (!type || type->type != "application" || type->subtype != "json") {
    out.error = error_response(req, bhttp::status::unsupported_media_type, "unsupported_media_type",
                               "nội dung phải là JSON (Content-Type: application/json)",
                               "the body must be JSON (Content-Type: application/json)");
    return out;
  }
  if (const std::string* charset = type->param("charset"); charset && !iequals_ascii(*charset, "utf-8")) {
    out.error = error_response(req, bhttp::status::unsupported_media_type, "unsupported_media_type",
                               "nội dung JSON phải mã hóa UTF-8 (charset=utf-8)",
                               "the JSON body must be UTF-8 (charset=utf-8)");
    return out;
  }
  out.value = nlohmann::json::parse(req.body(), nullptr, false);
  if (out.value.is_discarded() || !out.value.is_object())
    out.error = error_response(req, bhttp::status::bad_request, "invalid_argument", "nội dung JSON không hợp lệ",
                               "the JSON body is malformed");
  return out;
}

Router make_api(ApiContext& ctx) {
  Router r;
  r.set_gate(std::make_unique<AccountsGate>(ctx));
  r.add({bhttp::verb::get, "/api/v1/health", Access::kPublic,
         [&ctx](const RouteRequest& rq) {
           HealthAnswer a = health_answer(ctx.db, ctx.options.snapshot_source.get());
           // How the figures follow the writes: snapshots loaded, writes applied in place.
           a.body["figures"] = {{"loads", ctx.indicators.loads()},
                                {"updates_in_place", ctx.indicators.update_steps()},
                                {"writes_in_place", ctx.indicators.updates()}};
           return json_response(rq.http, a.ok ? bhttp::status::ok : bhttp::status::service_unavailable, a.body);
         },
         "200 when the database answers, 503 when not; the engine and the database's state either way, and how "
         "many times the figures' snapshot was loaded and updated in place"});
  // Filled once every route is in; the router may move after make_api returns.
  auto doc = std::make_shared<nlohmann::ordered_json>();
  r.add({bhttp::verb::get, "/api/v1/openapi.json", Access::kPublic,
         [doc](const RouteRequest& rq) { return json_response(rq.http, bhttp::status::ok, *doc); },
         "this API's OpenAPI 3 document"});
  add_session_routes(r, ctx);
  add_user_routes(r, ctx);
  add_unit_routes(r, ctx);
  add_register_routes(r, ctx);
  add_event_routes(r, ctx);
  add_indicator_routes(r, ctx);
  add_report_routes(r, ctx);
  add_completeness_routes(r, ctx);
  add_register_write_routes(r, ctx);
  add_staff_routes(r, ctx);
  add_plan_routes(r, ctx);
  add_reward_routes(r, ctx);
  add_task_routes(r, ctx);
  add_training_routes(r, ctx);
  add_worklist_routes(r, ctx);
  add_duplicate_routes(r, ctx);
  add_analysis_routes(r, ctx);
  add_favourite_routes(r, ctx);
  *doc = openapi_document(r);
  return r;
}

ApiOptions snapshot_read_from_source(ApiOptions o) {
  if (o.snapshot_source) o.indicators.open_reader = [source = o.snapshot_source] { return source->open_reader(); };
  return o;
}

Result<int> year_param(const QueryParams& q, int fallback) {
  const std::string text = query_value(q, "year");
  if (text.empty()) return fallback;
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos || text < "1900" ||
      text > "2200")
    return Error::invalid("year", "tham số 'year' phải là một năm từ 1900 đến 2200, ví dụ 2025",
                          "the parameter 'year' must be a year from 1900 to 2200, e.g. 2025");
  return std::stoi(text);
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
    op["security"] = route.access.signed_in
                         ? nlohmann::ordered_json::array({{{"session", nlohmann::ordered_json::array()}}})
                         : nlohmann::ordered_json::array();
    nlohmann::ordered_json params = nlohmann::ordered_json::array();
    for (size_t i = route.pattern.find('{'); i != std::string::npos; i = route.pattern.find('{', i + 1)) {
      const size_t j = route.pattern.find('}', i);
      params.push_back({{"name", route.pattern.substr(i + 1, j - i - 1)},
                        {"in", "path"},
                        {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    for (const ScopeParam& sp : route.access.scope)
      if (sp.in == ParamIn::kQuery)
        params.push_back({{"name", sp.name}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    for (const std::string& name : route.query)
      params.push_back({{"name", name}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    if (route.access.signed_in && route.method != bhttp::verb::get && route.method != bhttp::verb::head)
      params.push_back({{"name", "X-CSRF-Token"}, {"in", "header"}, {"required", true}, {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    if (route.access.permission) op["x-danso-permission"] = kPermissions.code(*route.access.permission);
    nlohmann::ordered_json scope = nlohmann::ordered_json::array();
    for (const ScopeParam& sp : route.access.scope)
      scope.push_back({{"parameter", sp.name}, {"in", param_in_name(sp.in)}, {"names", scope_kind_name(sp.kind)}});
    if (!scope.empty()) op["x-danso-scope"] = scope;
    op["responses"] = {{route.method == bhttp::verb::post && route.pattern != "/api/v1/session" ? "201" : "200",
                        {{"description", "OK"}}},
                       {"default", {{"description", "error (JSON with code, field, message_vi, message_en)"}}}};
    paths[route.pattern][method] = op;
  }
  doc["paths"] = paths;
  doc["components"] = {{"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kSessionCookie}}}}}};
  return doc;
}

}  // namespace danso::http
