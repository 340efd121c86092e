#include "http/request_head.h"

#include <vector>

#include "http/media_type.h"

namespace danso::http {

HeadScan HeadScanner::scan(std::string_view bytes) {
  while (pos_ < bytes.size()) {
    const char c = bytes[pos_];
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') return HeadScan::kBareLf;
    if (c == '\r') {
      if (pos_ + 1 == bytes.size()) break;  // its LF may come next
      if (bytes[pos_ + 1] != '\n') return HeadScan::kBareCr;
      switch (state_) {
        case State::kBlank:  // an empty line before the request line
          pos_ += 2;
          skip_ = pos_;
          if (skip_ > limit_) return HeadScan::kTooLarge;
          continue;
        case State::kVersion:
          if (part_ != 8) return HeadScan::kBadRequestLine;  // HTTP/d.d
          first_line_done_ = true;
          break;
        case State::kValue:
          break;
        case State::kLineStart:  // the empty line that ends the head
          end_ = pos_ + 2;
          if (end_ - skip_ > limit_) return HeadScan::kTooLarge;
          return HeadScan::kComplete;
        case State::kName:
          return HeadScan::kBadField;  // a line without a colon
        default:
          return HeadScan::kBadRequestLine;  // a request line cut short
      }
      pos_ += 2;
      state_ = State::kLineStart;
      part_ = 0;
      continue;
    }
    switch (state_) {
      case State::kBlank:
        state_ = State::kMethod;
        [[fallthrough]];
      case State::kMethod:
        if (c == ' ' && part_ > 0) {
          state_ = State::kTarget;
          part_ = 0;
          break;
        }
        if (!is_tchar(c)) return HeadScan::kBadRequestLine;
        ++part_;
        break;
      case State::kTarget:
        if (c == ' ' && part_ > 0) {
          state_ = State::kVersion;
          part_ = 0;
          break;
        }
        if (u <= 0x20 || u == 0x7f) return HeadScan::kBadRequestLine;
        ++part_;
        break;
      case State::kVersion: {
        constexpr std::string_view kShape = "HTTP/9.9";  // 9: any digit
        if (part_ >= kShape.size()) return HeadScan::kBadRequestLine;
        const bool ok = kShape[part_] == '9' ? (c >= '0' && c <= '9') : c == kShape[part_];
        if (!ok) return HeadScan::kBadRequestLine;
        ++part_;
        break;
      }
      case State::kLineStart:
        if (c == ' ' || c == '\t') return HeadScan::kObsFold;
        state_ = State::kName;
        [[fallthrough]];
      case State::kName:
        if (c == ':' && part_ > 0) {
          state_ = State::kValue;
          break;
        }
        if (!is_tchar(c)) return HeadScan::kBadField;
        ++part_;
        break;
      case State::kValue:  // field-vchar, obs-text, SP, HTAB
        if ((u < 0x20 && c != '\t') || u == 0x7f) return HeadScan::kBadField;
        break;
    }
    ++pos_;
  }
  if (pos_ - skip_ >= limit_) return first_line_done_ ? HeadScan::kTooLarge : HeadScan::kTargetTooLong;
  return HeadScan::kNeedMore;
}

namespace {

Refusal bad_request(std::string vi, std::string en) {
  return {bhttp::status::bad_request, "malformed_request", std::move(vi), std::move(en)};
}

std::string kib(size_t bytes) { return std::to_string(bytes / 1024) + " KiB"; }

std::optional<Refusal> check_version(unsigned version) {
  if (version == 10 || version == 11) return std::nullopt;
  return Refusal{bhttp::status::http_version_not_supported, "http_version_not_supported",
                 "chỉ hỗ trợ HTTP/1.0 và HTTP/1.1", "only HTTP/1.0 and HTTP/1.1 are supported"};
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Refusal> refusal_of(HeadScan verdict, size_t limit) {
  switch (verdict) {
    case HeadScan::kNeedMore:
    case HeadScan::kComplete:
      return std::nullopt;
    case HeadScan::kBadRequestLine:
      return bad_request("dòng yêu cầu sai cú pháp (phải là: PHƯƠNG-THỨC đích HTTP/1.1)",
                         "malformed request line (it must be: METHOD target HTTP/1.1)");
    case HeadScan::kBadField:
      return bad_request("trường đầu sai cú pháp (tên không hợp lệ, thiếu dấu hai chấm, hoặc ký tự điều khiển trong giá trị)",
                         "malformed header field (a bad name, no colon, or a control character in the value)");
    case HeadScan::kBareLf:
      return bad_request("một dòng của yêu cầu kết thúc bằng LF đơn; dòng HTTP phải kết thúc bằng CRLF",
                         "a line of the request ends with a bare LF; HTTP lines end with CRLF");
    case HeadScan::kBareCr:
      return bad_request("phần đầu yêu cầu có ký tự CR không đi cùng LF",
                         "the request head holds a CR not followed by LF");
    case HeadScan::kObsFold:
      return bad_request("không chấp nhận trường đầu gập sang dòng sau (obs-fold) hay dòng bắt đầu bằng khoảng trắng",
                         "a header field folded onto the next line (obs-fold), or a line beginning with "
                         "whitespace, is not accepted");
    case HeadScan::kTargetTooLong:
      return Refusal{bhttp::status::uri_too_long, "uri_too_long", "dòng yêu cầu dài quá " + kib(limit),
                     "the request line is longer than " + kib(limit)};
    case HeadScan::kTooLarge:
      return Refusal{bhttp::status::request_header_fields_too_large, "header_too_large",
                     "phần đầu yêu cầu lớn quá " + kib(limit), "the request head is larger than " + kib(limit)};
  }
  return std::nullopt;
}

Refusal refusal_of(const boost::system::error_code& ec, size_t header_limit) {
  if (ec == bhttp::error::header_limit)
    return *refusal_of(HeadScan::kTooLarge, header_limit);
  // The scanner has checked the version's shape (HTTP/d.d): Beast refuses
  // the versions it does not speak, anything but 1.0 and 1.1.
  if (ec == bhttp::error::bad_version) return *check_version(0);
  if (ec == bhttp::error::body_limit)
    return {bhttp::status::payload_too_large, "payload_too_large", "nội dung yêu cầu quá lớn",
            "request body too large"};
  return bad_request("yêu cầu HTTP sai cú pháp (" + ec.message() + ")", "malformed HTTP request (" + ec.message() + ")");
}

std::optional<Refusal> check_request_header(const bhttp::request_header<>& h) {
  if (auto r = check_version(h.version())) return r;
  if (h.method() == bhttp::verb::unknown)
    return Refusal{bhttp::status::not_implemented, "not_implemented", "phương thức không được hỗ trợ",
                   "the method is not implemented"};
  if (h.version() >= 11 && h.count(bhttp::field::host) != 1)
    return bad_request("yêu cầu HTTP/1.1 phải có đúng một trường Host", "an HTTP/1.1 request needs exactly one Host");
  const size_t lengths = h.count(bhttp::field::content_length);
  if (lengths > 1)
    return bad_request("Content-Length được gửi nhiều lần", "Content-Length is given more than once");
  if (lengths == 1) {  // one number: Beast also takes a list of equal numbers ("5, 5")
    const auto v = h[bhttp::field::content_length];
    if (v.empty() || v.find_first_not_of("0123456789") != boost::beast::string_view::npos)
      return bad_request("Content-Length phải là một số", "Content-Length must be one number");
  }
  if (h.count(bhttp::field::transfer_encoding) == 0) return std::nullopt;
  if (h.version() < 11)
    return bad_request("yêu cầu HTTP/1.0 không được có Transfer-Encoding", "an HTTP/1.0 request cannot have Transfer-Encoding");
  if (lengths > 0)
    return bad_request("không nhận Transfer-Encoding cùng với Content-Length",
                       "Transfer-Encoding together with Content-Length is not accepted");
  // The codings in order, over every Transfer-Encoding line.
  std::vector<std::string_view> codings;
  const auto [first, last] = h.equal_range(bhttp::field::transfer_encoding);
  for (auto it = first; it != last; ++it) {
    std::string_view list(it->value().data(), it->value().size());
    while (true) {
      const size_t comma = list.find(',');
      const std::string_view item = trim_ows(list.substr(0, comma));
      if (!item.empty()) codings.push_back(item);
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  if (codings.empty() || !iequals_ascii(codings.back(), "chunked"))
    return bad_request("mã hóa truyền cuối cùng phải là chunked", "the last transfer coding must be chunked");
  if (codings.size() > 1)
    return Refusal{bhttp::status::not_implemented, "not_implemented", "chỉ hỗ trợ mã hóa truyền chunked",
                   "only the chunked transfer coding is supported"};
  return std::nullopt;
}

}  // namespace danso::http
