// The checks a request passes before its body is read, beyond what Boost.Beast's
// parser checks itself, so that every malformed or ambiguous request gets the
// answer HTTP/1.1 asks for (RFC 9110, RFC 9112) and the connection closes,
// instead of a silent close or a guess at where the request ends.
//
// HeadScanner looks at the raw bytes of the head (request line and header
// fields, up to the empty line) as they arrive, and refuses at the first
// byte that cannot belong to a request (RFC 9112 3, 5), so that garbage (a
// TLS hello sent to the plain port, say) is answered at once rather than
// after the read timeout: a request line that is not `method SP target SP
// HTTP/d.d`, a field name that is not a token or has no colon, a control
// character in a field value, a bare LF or a bare CR (lines end with CRLF,
// 2.2), a field continued on the next line (obs-fold, 5.2), a head longer
// than the limit. Empty lines before the request line are skipped (2.2).
// check_request_header then looks at the parsed header: the version, one
// Host for HTTP/1.1 (3.2), one Content-Length, and Transfer-Encoding only as
// "chunked" alone, never with a Content-Length nor in HTTP/1.0 (6.1, 6.3):
// the shapes of request smuggling.
//
//   HeadScanner scan(16 * 1024);
//   switch (scan.scan(bytes_so_far)) { case HeadScan::kNeedMore: read more; ... }
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http.hpp>

namespace danso::http {

namespace bhttp = boost::beast::http;

enum class HeadScan {
  kNeedMore,       // no end of the head yet, nothing wrong so far
  kComplete,       // the head ends at length() (after skip() blank bytes)
  kBadRequestLine, // 400
  kBadField,       // 400: a field name that is not a token, no colon, a control character in a value
  kBareLf,         // 400
  kBareCr,         // 400
  kObsFold,        // 400: a line of the head begins with a space or a tab
  kTargetTooLong,  // 414: the request line alone is longer than the limit
  kTooLarge,       // 431: the head is longer than the limit
};

class HeadScanner {
 public:
  explicit HeadScanner(size_t limit) : limit_(limit) {}
  // Scans `bytes`, the buffer so far (the same bytes as before and more):
  // only what is new is looked at.
  HeadScan scan(std::string_view bytes);
  // Once kComplete: the empty lines before the request line, to drop, and
  // the length of the head after them (its empty line included).
  size_t skip() const { return skip_; }
  size_t length() const { return end_ - skip_; }

 private:
  enum class State { kBlank, kMethod, kTarget, kVersion, kLineStart, kName, kValue };
  size_t limit_;
  State state_ = State::kBlank;
  size_t pos_ = 0;      // the first byte not yet decided
  size_t skip_ = 0;     // blank-line bytes before the request line
  size_t part_ = 0;     // bytes of the current part (method, target, version, name)
  bool first_line_done_ = false;
  size_t end_ = 0;
};

// Why a request is refused: the status and the messages of the answer.
struct Refusal {
  bhttp::status status;
  std::string code;  // machine code of the JSON error
  std::string vi, en;
};

// The refusal of a scan's verdict (none for kNeedMore and kComplete).
std::optional<Refusal> refusal_of(HeadScan verdict, size_t limit);
// The refusal of an error of Beast's parser (400, 413 or 431).
Refusal refusal_of(const boost::system::error_code& ec, size_t header_limit);
// The refusal of a parsed header, or nullopt when it may be served.
std::optional<Refusal> check_request_header(const bhttp::request_header<>& h);

}  // namespace danso::http
