#include "http/compression.h"

#include <zlib.h>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/rfc7230.hpp>

#include <charconv>
#include <stdexcept>

namespace danso::http {

namespace {

// The q value of an Accept-Encoding item ("0.5"); 0 when malformed.
double quality(std::string_view text) {
  double q = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), q);
  return ec == std::errc() && end == text.data() + text.size() ? q : 0;
}

}  // namespace

bool accepts_gzip(const Request& req) {
  const auto it = req.find(bhttp::field::accept_encoding);
  if (it == req.end()) return false;
  bool star = false;
  // Beast's parser of comma-separated "token;param=value" lists (RFC 7230).
  for (const auto& [coding, params] : bhttp::ext_list(it->value())) {
    double q = 1;
    for (const auto& [name, value] : params)
      if (boost::beast::iequals(name, "q")) q = quality(std::string_view(value.data(), value.size()));
    if (boost::beast::iequals(coding, "gzip") || boost::beast::iequals(coding, "x-gzip")) return q > 0;
    if (coding == "*") star = q > 0;
  }
  return star;
}

std::string gzip(std::string_view text) {
  z_stream z{};
  // 15 window bits + 16: the gzip wrapper; 8: zlib's default memory level.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&z, uLong(text.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = uInt(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const size_t n = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  out.resize(n);
  return out;
}

}  // namespace danso::http
