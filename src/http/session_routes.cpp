// Signing in and out: POST, GET and DELETE /api/v1/session. The session
// cookie is __Host-danso_session: HttpOnly, SameSite=Strict, Path=/, and
// Secure when the server is reached over TLS or on a loopback address
// (browsers accept Secure cookies from http://127.0.0.1 and http://localhost,
// and refuse a __Host- cookie without Secure).
#include "http/api.h"

namespace danso::http {

namespace {

bool loopback_host(const Request& req) {
  const auto it = req.find(bhttp::field::host);
  if (it == req.end()) return false;
  std::string_view host(it->value().data(), it->value().size());
  if (host.starts_with("[::1]")) return true;
  host = host.substr(0, host.rfind(':') == std::string_view::npos ? host.size() : host.rfind(':'));
  return host == "localhost" || host == "127.0.0.1";
}

std::string session_cookie(const ApiContext& ctx, const Request& req, std::string_view token) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(token) + "; Path=/; HttpOnly; SameSite=Strict";
  if (token.empty()) c += "; Max-Age=0";
  if (ctx.options.tls || loopback_host(req)) c += "; Secure";
  return c;
}

nlohmann::ordered_json session_json(ApiContext& ctx, const Principal& p) {
  nlohmann::ordered_json out;
  if (auto u = ctx.accounts.find_user(p.user)) out["user"] = ctx.accounts.user_json(*u);
  nlohmann::ordered_json perms = nlohmann::ordered_json::array();
  for (const auto& e : kPermissions.entries())
    if (role_may(p.role, e.value)) perms.push_back(e.code);
  out["permissions"] = perms;
  out["csrf_token"] = p.csrf_token;
  out["expires_at"] = accounts::iso_instant(p.signed_in_at + ctx.accounts.options().absolute_timeout);
  out["idle_timeout_seconds"] = ctx.accounts.options().idle_timeout;
  return out;
}

}  // namespace

void add_session_routes(Router& r, ApiContext& ctx) {
  r.add({bhttp::verb::post, "/api/v1/session", Access::kPublic,
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           const auto& j = body.value;
           for (const char* f : {"username", "password"})
             if (!j.contains(f) || !j[f].is_string())
               return error_response(rq.http, Error::invalid(f, std::string("thiếu trường '") + f + "'",
                                                             std::string("the field '") + f + "' is missing"));
           accounts::SignInRequest in;
           in.username = j["username"].get<std::string>();
           in.password = j["password"].get<std::string>();
           if (j.contains("totp") && j["totp"].is_string()) in.totp = j["totp"].get<std::string>();
           in.remote = rq.remote;
           in.previous_token = cookie_value(rq.http, kSessionCookie);
           auto s = ctx.accounts.sign_in(in, ctx.now());
           if (!s) {
             Response res = error_response(rq.http, s.error());
             if (s.error().code == ErrorCode::kResourceExhausted)
               res.set(bhttp::field::retry_after, std::to_string(ctx.accounts.options().throttle_window));
             return res;
           }
           Response res = json_response(rq.http, bhttp::status::ok, session_json(ctx, s->principal));
           res.set(bhttp::field::set_cookie, session_cookie(ctx, rq.http, s->token));
           return res;
         },
         "sign in with {username, password[, totp]}: sets the session cookie, returns the user and a CSRF token"});
  r.add({bhttp::verb::get, "/api/v1/session", Access::kSignedIn,
         [&ctx](const RouteRequest& rq) {
           return json_response(rq.http, bhttp::status::ok, session_json(ctx, *rq.principal));
         },
         "the signed-in user, their permissions and the session's CSRF token"});
  r.add({bhttp::verb::delete_, "/api/v1/session", Access::kSignedIn,
         [&ctx](const RouteRequest& rq) {
           if (auto s = ctx.accounts.sign_out(*rq.principal, ctx.now()); !s) return error_response(rq.http, s.error());
           Response res = json_response(rq.http, bhttp::status::ok, {{"signed_out", true}});
           res.set(bhttp::field::set_cookie, session_cookie(ctx, rq.http, ""));
           return res;
         },
         "sign out: ends the session at once"});
  r.add({bhttp::verb::post, "/api/v1/session/totp", Access::kSignedIn,
         [&ctx](const RouteRequest& rq) {
           const auto offer = ctx.accounts.offer_totp(*rq.principal);
           return json_response(rq.http, bhttp::status::ok, {{"secret", offer.secret}, {"otpauth_uri", offer.uri}});
         },
         "two-step verification, step 1: a new TOTP secret and its otpauth:// address for an authenticator app "
         "(nothing is stored yet)"});
  r.add({bhttp::verb::put, "/api/v1/session/totp", Access::kSignedIn,
         [&ctx](const RouteRequest& rq) {
           auto body = parse_json_body(rq.http);
           if (body.error) return *body.error;
           const auto& j = body.value;
           for (const char* f : {"password", "secret", "code"})
             if (!j.contains(f) || !j[f].is_string())
               return error_response(rq.http, Error::invalid(f, std::string("thiếu trường '") + f + "'",
                                                             std::string("the field '") + f + "' is missing"));
           auto s = ctx.accounts.enable_totp(*rq.principal, j["password"].get<std::string>(),
                                             j["secret"].get<std::string>(), j["code"].get<std::string>(), ctx.now());
           if (!s) {
             Response res = error_response(rq.http, s.error());
             if (s.error().code == ErrorCode::kResourceExhausted)
               res.set(bhttp::field::retry_after, std::to_string(ctx.accounts.options().throttle_window));
             return res;
           }
           Response res = json_response(rq.http, bhttp::status::ok, {{"totp", true}, {"signed_out", true}});
           res.set(bhttp::field::set_cookie, session_cookie(ctx, rq.http, ""));
           return res;
         },
         "two-step verification, step 2: {password, secret, code} turns it on with the secret of step 1 when the "
         "password and a code from the app are right; every session of the user ends (sign in again with a code); "
         "409 when it is on already"});
}

}  // namespace danso::http
