// HTTP responses of the API: JSON bodies, errors with a machine code, the
// field and messages in Vietnamese and English, and the security headers
// every response carries (errors included). ErrorCode -> status lives here,
// once.
#pragma once

#include <boost/beast/http.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <variant>

#include "core/result.h"

namespace danso::http {

namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

bhttp::status status_of(ErrorCode code);
void add_security_headers(Response& res, bool api);
Response json_response(const Request& req, bhttp::status status, const nlohmann::ordered_json& body);
// The same with a body already rendered as JSON text.
Response json_text_response(const Request& req, bhttp::status status, std::string body);
Response error_response(const Request& req, const Error& e);
// 404 "not found" in both languages (naming `field` when given): the one
// answer for a record that is missing or outside the caller's scope.
Response not_found(const Request& req, const std::string& field = {});
Response error_response(const Request& req, bhttp::status status, const std::string& code, const std::string& vi,
                        const std::string& en);

// A response as the bytes sent (status line, headers, body), made once by
// to_wire() and then written as they are: for an answer kept in memory and
// asked for again and again, which then costs no header building, no copy
// of its body and no serialising. Only for a keep-alive HTTP/1.1 request,
// as the response it was made from answered one.
struct WireResponse {
  unsigned status = 200;
  std::shared_ptr<const std::string> bytes;
};
WireResponse to_wire(const Response& res);
// What a route can answer without its lane (router.h, QuickHandler).
using QuickAnswer = std::variant<Response, WireResponse>;

}  // namespace danso::http
