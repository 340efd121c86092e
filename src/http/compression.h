// gzip for answers kept in memory and sent again and again (the indicator
// dashboards): compressed once with libdeflate, then sent to every client that
// says it takes gzip (Accept-Encoding), as browsers do. A 56 KB answer of a
// province with its districts becomes about 8 KB on the wire.
//
//   if (accepts_gzip(req) && body.size() >= kGzipFrom) res.body() = gzip(body);
#pragma once

#include <string>
#include <string_view>

#include "http/response.h"

namespace danso::http {

// Bodies smaller than this are sent as they are (a header's worth).
inline constexpr size_t kGzipFrom = 1024;

// True when the request's Accept-Encoding names gzip (or *) without q=0.
bool accepts_gzip(const Request& req);
// `text` in the gzip format (RFC 1952), at level 6 (zlib's default).
std::string gzip(std::string_view text);

}  // namespace danso::http
