#include "http/compression.h"

#include <zlib.h>

#include <cctype>
#include <stdexcept>

namespace danso::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// The q value of one Accept-Encoding item ("gzip;q=0.5"): 1 when absent.
double quality(std::string_view params) {
  while (!params.empty()) {
    const size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      try {
        return std::stod(std::string(p.substr(2)));
      } catch (const std::exception&) {
        return 0;
      }
    }
  }
  return 1;
}

}  // namespace

bool accepts_gzip(const Request& req) {
  const auto it = req.find(bhttp::field::accept_encoding);
  if (it == req.end()) return false;
  std::string_view list(it->value().data(), it->value().size());
  bool star = false;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    const size_t semi = item.find(';');
    const std::string_view coding = trim(item.substr(0, semi));
    const double q = quality(semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) return q > 0;
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
