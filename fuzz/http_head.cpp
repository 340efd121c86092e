// The head of a request as the server reads it (http/request_head.h, then
// Boost.Beast's parser, then check_request_header), over bytes fed in two
// parts as they could arrive. A head the scanner passes is one Beast parses
// whole: never "need more" nor a header limit.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "http/request_head.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso::http;
  if (size == 0) return 0;
  constexpr size_t kLimit = 4096;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  HeadScanner scan(kLimit);
  HeadScan v = scan.scan(bytes.substr(0, std::min<size_t>(data[0], bytes.size())));
  if (v == HeadScan::kNeedMore) v = scan.scan(bytes);
  if (v != HeadScan::kComplete) {
    (void)refusal_of(v, kLimit);
    return 0;
  }
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kLimit);
  parser.body_limit(1 << 16);
  boost::system::error_code ec;
  const std::string_view head = bytes.substr(scan.skip(), scan.length());
  const size_t used = parser.put(boost::asio::buffer(head.data(), head.size()), ec);
  if (ec == bhttp::error::need_more || ec == bhttp::error::header_limit || (!ec && !parser.is_header_done())) {
    std::fprintf(stderr, "the scanner passed a head Beast cannot finish (%s)\n", ec.message().c_str());
    std::abort();
  }
  if (ec) {
    (void)refusal_of(ec, kLimit);
    return 0;
  }
  if (used != head.size()) std::abort();
  (void)check_request_header(parser.get());
  return 0;
}
