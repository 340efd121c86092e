#include "http/router.h"

#include "app/accounts/crypto.h"
#include "app/database.h"

namespace danso::http {

const Access Access::kPublic = Access::anyone();
const Access Access::kSignedIn = Access::signed_in_user();

const char* scope_kind_name(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kUnit: return "unit";
    case ScopeKind::kVillage: return "village";
    case ScopeKind::kUser: return "user";
    case ScopeKind::kHousehold: return "household";
    case ScopeKind::kPerson: return "person";
    case ScopeKind::kEvent: return "event";
    case ScopeKind::kReport: return "report";
    case ScopeKind::kStaff: return "staff";
    case ScopeKind::kPlan: return "plan";
    case ScopeKind::kRewardRun: return "reward_run";
    case ScopeKind::kTask: return "task";
    case ScopeKind::kFavourite: return "favourite";
  }
  return "";
}

const char* param_in_name(ParamIn in) {
  switch (in) {
    case ParamIn::kPath: return "path";
    case ParamIn::kQuery: return "query";
    case ParamIn::kBody: return "body";
  }
  return "";
}

namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool is_param(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

bool match(const std::vector<std::string>& pat, const std::vector<std::string_view>& path, PathParams& params) {
  if (pat.size() != path.size()) return false;
  for (size_t i = 0; i < pat.size(); ++i)
    if (!is_param(pat[i]) && pat[i] != path[i]) return false;
  PathParams p;
  for (size_t i = 0; i < pat.size(); ++i)
    if (is_param(pat[i])) p[pat[i].substr(1, pat[i].size() - 2)] = url_decode(path[i]);
  params = std::move(p);
  return true;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') out += ' ';
    else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += char(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else
      out += s[i];
  }
  return out;
}

std::string cookie_value(const Request& req, std::string_view name) {
  const auto it = req.find(bhttp::field::cookie);
  if (it == req.end()) return {};
  std::string_view header(it->value().data(), it->value().size());
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return {};
}

QueryParams parse_query(std::string_view q) {
  QueryParams out;
  size_t i = 0;
  while (i < q.size()) {
    size_t j = q.find('&', i);
    if (j == std::string_view::npos) j = q.size();
    std::string_view kv = q.substr(i, j - i);
    const size_t eq = kv.find('=');
    if (!kv.empty()) out[url_decode(kv.substr(0, eq))] = eq == std::string_view::npos ? "" : url_decode(kv.substr(eq + 1));
    i = j + 1;
  }
  return out;
}

void Router::add(Route r) {
  std::vector<std::string> segs;
  for (std::string_view seg : segments(r.pattern)) segs.emplace_back(seg);
  segments_.push_back(std::move(segs));
  routes_.push_back(std::move(r));
}

const Route* Router::find(const std::vector<std::string_view>& path, bhttp::verb method, PathParams& params,
                          bool& path_matched) const {
  path_matched = false;
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (!match(segments_[i], path, params)) continue;
    path_matched = true;
    if (routes_[i].method == method) return &routes_[i];
  }
  return nullptr;
}

Lane Router::lane_of(const Request& req) const {
  const std::string_view target(req.target().data(), req.target().size());
  PathParams params;
  bool path_matched = false;
  const Route* r = find(segments(target.substr(0, target.find('?'))), req.method(), params, path_matched);
  return r ? r->lane : Lane::kCompute;  // a 404 or 405, answered without the database
}

std::optional<Response> Router::refuse(const Route& r, RouteRequest& rr,
                                       const std::optional<Principal>& principal) const {
  const Request& req = rr.http;
  if (!principal)
    return error_response(req, bhttp::status::unauthorized, "unauthenticated", "cần đăng nhập", "sign-in required");
  if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) {
    const auto it = req.find("X-CSRF-Token");
    const std::string_view sent = it == req.end() ? std::string_view() : std::string_view(it->value().data(), it->value().size());
    if (sent.empty() || !accounts::constant_time_equal(sent, principal->csrf_token))
      return error_response(req, bhttp::status::forbidden, "csrf_failed",
                            "thiếu hoặc sai mã chống giả mạo (X-CSRF-Token)",
                            "missing or wrong anti-forgery token (X-CSRF-Token)");
  }
  if (r.access.permission && !role_may(principal->role, *r.access.permission))
    return error_response(req, bhttp::status::forbidden, "permission_denied",
                          "vai trò của bạn không được làm việc này", "your role may not do this");
  for (const ScopeParam& sp : r.access.scope) {
    if (sp.in == ParamIn::kBody) continue;  // the use case's, on the values it parses
    const bool query = sp.in == ParamIn::kQuery;
    const auto& source = query ? rr.query : rr.path;
    const auto it = source.find(sp.name);
    if (it == source.end() && query) continue;
    if (it == source.end() || !gate_->visible(*principal, sp.kind, it->second))
      return error_response(req, bhttp::status::not_found, "not_found", "không tìm thấy", "not found");
  }
  rr.principal = &*principal;
  rr.gate = gate_.get();
  return std::nullopt;
}

std::optional<QuickAnswer> Router::try_quick(const Request& req, std::string_view remote) const {
  const std::string_view target(req.target().data(), req.target().size());
  const size_t qpos = target.find('?');
  PathParams params;
  bool path_matched = false;
  const Route* r = find(segments(target.substr(0, qpos)), req.method(), params, path_matched);
  if (!r || !r->quick || !r->access.signed_in || !gate_) return std::nullopt;
  // Only scopes checked from memory: units.
  for (const ScopeParam& sp : r->access.scope)
    if (sp.kind != ScopeKind::kUnit || sp.in == ParamIn::kBody) return std::nullopt;
  const std::optional<Principal> principal = gate_->authenticate_cached(req);
  if (!principal) return std::nullopt;  // unknown here: the lane checks the store
  RouteRequest rr{req, std::move(params),
                  qpos == std::string_view::npos ? QueryParams{} : parse_query(target.substr(qpos + 1)), nullptr,
                  std::string(remote)};
  std::optional<QuickAnswer> out;
  if (auto refused = refuse(*r, rr, principal)) out.emplace(std::in_place_type<Response>, std::move(*refused));
  else out = r->quick(rr);
  return out;
}

Response Router::dispatch(const Request& req, std::string_view remote) const {
  const std::string_view target(req.target().data(), req.target().size());
  const size_t qpos = target.find('?');
  PathParams params;
  bool path_matched = false;
  const Route* r = find(segments(target.substr(0, qpos)), req.method(), params, path_matched);
  if (!r) {
    if (path_matched)
      return error_response(req, bhttp::status::method_not_allowed, "method_not_allowed",
                            "phương thức không được hỗ trợ", "method not allowed");
    return error_response(req, bhttp::status::not_found, "not_found", "không tìm thấy", "not found");
  }
  RouteRequest rr{req, std::move(params),
                  qpos == std::string_view::npos ? QueryParams{} : parse_query(target.substr(qpos + 1)), nullptr,
                  std::string(remote)};
  try {
    if (!r->access.signed_in) return r->handler(rr);
    const std::optional<Principal> principal = gate_ ? gate_->authenticate(req) : std::nullopt;
    if (auto refused = refuse(*r, rr, principal)) return *refused;
    return r->handler(rr);
  } catch (const DatabaseUnavailable& e) {
    // The database away (a server restarting, a standby): try again later.
    return error_response(req, bhttp::status::service_unavailable, "database_unavailable", e.error().vi,
                          e.error().en);
  }
}

}  // namespace danso::http
