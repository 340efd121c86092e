#include "http/response.h"

#include <sstream>

namespace danso::http {

bhttp::status status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return bhttp::status::bad_request;
    case ErrorCode::kNotFound: return bhttp::status::not_found;
    case ErrorCode::kAlreadyExists: return bhttp::status::conflict;
    case ErrorCode::kFailedPrecondition: return bhttp::status::conflict;
    case ErrorCode::kPermissionDenied: return bhttp::status::forbidden;
    case ErrorCode::kUnauthenticated: return bhttp::status::unauthorized;
    case ErrorCode::kResourceExhausted: return bhttp::status::too_many_requests;
    case ErrorCode::kUnavailable: return bhttp::status::service_unavailable;
    case ErrorCode::kInternal: return bhttp::status::internal_server_error;
  }
  return bhttp::status::internal_server_error;
}

void add_security_headers(Response& res, bool api) {
  res.set(bhttp::field::server, "danso");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
          "base-uri 'none'; form-action 'self'");
  if (api) res.set(bhttp::field::cache_control, "no-store");
}

Response json_response(const Request& req, bhttp::status status, const nlohmann::ordered_json& body) {
  // A message may quote what the request sent, which need not be UTF-8 (a
  // percent-encoded byte of a query): such bytes are replaced, never a 500.
  return json_text_response(req, status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response json_text_response(const Request& req, bhttp::status status, std::string body) {
  Response res{status, req.version()};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  add_security_headers(res, true);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response error_response(const Request& req, bhttp::status status, const std::string& code, const std::string& vi,
                        const std::string& en) {
  nlohmann::ordered_json body;
  body["error"] = {{"code", code}, {"field", nullptr}, {"message_vi", vi}, {"message_en", en}};
  return json_response(req, status, body);
}

Response error_response(const Request& req, const Error& e) {
  nlohmann::ordered_json body;
  body["error"] = {{"code", error_code_name(e.code)},
                   {"field", e.field.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(e.field)},
                   {"message_vi", e.vi},
                   {"message_en", e.en}};
  return json_response(req, status_of(e.code), body);
}

Response not_found(const Request& req, const std::string& field) {
  return error_response(req, Error{ErrorCode::kNotFound, field, "không tìm thấy", "not found"});
}

WireResponse to_wire(const Response& res) {
  std::ostringstream out;
  out << res;  // Beast's serializer: the same bytes as written to a socket
  return WireResponse{res.result_int(), std::make_shared<const std::string>(std::move(out).str())};
}

}  // namespace danso::http
