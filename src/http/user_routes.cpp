// Users and the audit log: GET/POST /api/v1/users, GET/PATCH
// /api/v1/users/{id}, GET /api/v1/audit. The router has already checked the
// permission and that {id} or ?unit= is in the caller's scope; the accounts
// use cases check the body (no unit outside one's subtree, no role one lacks).
#include <charconv>

#include "http/api.h"

namespace danso::http {

namespace {

int64_t int_param(const QueryParams& q, const std::string& name, int64_t fallback, int64_t lo, int64_t hi) {
  const auto it = q.find(name);
  if (it == q.end()) return fallback;
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || end != it->second.data() + it->second.size()) return fallback;
  return std::clamp(v, lo, hi);
}

std::optional<Error> string_field(const nlohmann::json& j, const char* name, std::optional<std::string>& out) {
  if (!j.contains(name)) return std::nullopt;
  if (!j[name].is_string())
    return Error::invalid(name, std::string("trường '") + name + "' phải là chuỗi",
                          std::string("the field '") + name + "' must be a string");
  out = j[name].get<std::string>();
  return std::nullopt;
}

std::optional<Error> villages_field(const nlohmann::json& j, std::optional<std::vector<std::string>>& out) {
  if (!j.contains("villages")) return std::nullopt;
  const Error bad = Error::invalid("villages", "trường 'villages' phải là danh sách mã thôn",
                                   "the field 'villages' must be a list of village codes");
  if (!j["villages"].is_array()) return bad;
  out.emplace();
  for (const auto& v : j["villages"]) {
    if (!v.is_string()) return bad;
    out->push_back(v.get<std::string>());
  }
  return std::nullopt;
}

UserId path_user(const RouteRequest& rq) { return UserId(path_id(rq)); }

nlohmann::ordered_json audit_json(const AuditRecord& e) {
  auto parsed = [](const std::string& text) {
    return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json::parse(text, nullptr, false);
  };
  return {{"seq", e.seq},       {"at", e.at},         {"actor_id", e.actor.valid() ? nlohmann::ordered_json(e.actor.value) : nullptr},
          {"actor", e.actor_name}, {"action", e.action}, {"kind", e.kind},
          {"record", e.record},  {"before", parsed(e.before)}, {"after", parsed(e.after)},
          {"hash", e.hash}};
}

}  // namespace

void add_user_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::get, "/api/v1/users",
         Access::needs(Permission::kManageUsers).scoped_query(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           const Date today = accounts::date_of(ctx.now());
           UnitId under;
           if (auto it = rq.query.find("unit"); it != rq.query.end()) under = ctx.accounts.resolve_unit(it->second, today);
           const auto format = parse_list_format(rq.query);
           if (!format) return error_response(rq.http, format.error());
           const auto users = ctx.accounts.users_in_scope(*rq.principal, under, today);
           const bool file = *format != ListFormat::kJson;
           const int64_t offset = file ? 0 : int_param(rq.query, "offset", 0, 0, INT64_MAX);
           const int64_t limit = file ? kExportMaxRows : int_param(rq.query, "limit", 100, 1, 1000);
           nlohmann::ordered_json list = nlohmann::ordered_json::array();
           for (size_t i = size_t(offset); i < users.size() && list.size() < size_t(limit); ++i)
             list.push_back(ctx.accounts.user_json(users[i]));
           if (file) return list_file(rq.http, *format, "users", int64_t(users.size()), list);
           return json_response(rq.http, bhttp::status::ok,
                                {{"total", users.size()}, {"offset", offset}, {"limit", limit}, {"users", list}});
         },
         "users of a unit's subtree (?unit=CODE, the caller's unit by default; ?offset, ?limit; ?format=csv|xlsx "
         "for the whole list)",
         {"offset", "limit", "format", "lang"}});
  r.add({bhttp::verb::post, "/api/v1/users",
         Access::needs(Permission::kManageUsers).scoped_body(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           std::optional<std::string> username, password, role, unit;
           std::optional<std::vector<std::string>> villages;
           for (auto [name, out] : {std::pair{"username", &username}, std::pair{"password", &password},
                                    std::pair{"role", &role}, std::pair{"unit", &unit}}) {
             if (auto e = string_field(body.value, name, *out)) return error_response(rq.http, *e);
             if (!*out)
               return error_response(rq.http, Error::invalid(name, std::string("thiếu trường '") + name + "'",
                                                             std::string("the field '") + name + "' is missing"));
           }
           if (auto e = villages_field(body.value, villages)) return error_response(rq.http, *e);
           accounts::NewUser nu{*username, *password, *role, *unit, villages.value_or(std::vector<std::string>{})};
           auto created = ctx.accounts.create_user(rq.principal, nu, ctx.now());
           if (!created) return error_response(rq.http, created.error());
           return json_response(rq.http, bhttp::status::created, {{"user", ctx.accounts.user_json(*created)}});
         },
         "create a user {username, password, role, unit[, villages]} within the caller's scope and roles"});
  r.add({bhttp::verb::get, "/api/v1/users/{id}",
         Access::needs(Permission::kManageUsers).scoped(ScopeKind::kUser, "id"),
         [&ctx](const RouteRequest& rq) {
           const auto u = ctx.accounts.find_user(path_user(rq));
           if (!u) return error_response(rq.http, bhttp::status::not_found, "not_found", "không tìm thấy", "not found");
           return json_response(rq.http, bhttp::status::ok, {{"user", ctx.accounts.user_json(*u)}});
         },
         "one user"});
  r.add({bhttp::verb::patch, "/api/v1/users/{id}",
         Access::needs(Permission::kManageUsers).scoped(ScopeKind::kUser, "id").scoped_body(ScopeKind::kUnit, "unit"),
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           accounts::UserChange c;
           if (body.value.contains("disabled")) {
             if (!body.value["disabled"].is_boolean())
               return error_response(rq.http, Error::invalid("disabled", "trường 'disabled' phải là true hoặc false",
                                                             "the field 'disabled' must be true or false"));
             c.disabled = body.value["disabled"].get<bool>();
           }
           for (auto [name, out] : {std::pair{"password", &c.password}, std::pair{"role", &c.role},
                                    std::pair{"unit", &c.unit}})
             if (auto e = string_field(body.value, name, *out)) return error_response(rq.http, *e);
           if (auto e = villages_field(body.value, c.villages)) return error_response(rq.http, *e);
           auto updated = ctx.accounts.update_user(rq.principal, path_user(rq), c, ctx.now());
           if (!updated) return error_response(rq.http, updated.error());
           return json_response(rq.http, bhttp::status::ok, {{"user", ctx.accounts.user_json(*updated)}});
         },
         "change a user: {disabled, password, role, unit, villages}; disabling or a reset ends their sessions"});
  r.add({bhttp::verb::get, "/api/v1/audit", Access::needs(Permission::kReadAudit),
         [&ctx](const RouteRequest& rq) {
           const auto format = parse_list_format(rq.query);
           if (!format) return error_response(rq.http, format.error());
           const bool file = *format != ListFormat::kJson;
           const int64_t before = int_param(rq.query, "before", 0, 0, INT64_MAX);
           const int limit = file ? int(kExportMaxRows + 1) : int(int_param(rq.query, "limit", 50, 1, 500));
           const auto kind = rq.query.count("kind") ? rq.query.at("kind") : std::string();
           const auto entries =
               ctx.accounts.audit_page(*rq.principal, before, limit, kind, accounts::date_of(ctx.now()));
           nlohmann::ordered_json list = nlohmann::ordered_json::array();
           for (const auto& e : entries) list.push_back(audit_json(e));
           if (file) return list_file(rq.http, *format, "audit", int64_t(entries.size()), list);
           nlohmann::ordered_json out{{"entries", list}};
           out["next_before"] = int(entries.size()) == limit ? nlohmann::ordered_json(entries.back().seq) : nullptr;
           return json_response(rq.http, bhttp::status::ok, out);
         },
         "the audit log, newest first (?before=SEQ, ?limit, ?kind=user|session|...), within the caller's scope; "
         "?format=csv|xlsx for every entry before SEQ",
         {"before", "limit", "kind", "format", "lang"}});
}

}  // namespace danso::http
