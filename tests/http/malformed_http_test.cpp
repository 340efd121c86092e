// Malformed and ambiguous requests sent as raw bytes to a running server:
// each is answered with the status HTTP/1.1 asks for (RFC 9110, RFC 9112:
// 400, 413, 414, 431, 501, 505) with "Connection: close" and a JSON error in
// both languages, then the server closes the connection; none is served,
// and none is left without an answer. Also the request-head scanner alone,
// fed a byte at a time.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http/request_head.h"
#include "http/server.h"

using namespace danso::http;
using namespace std::chrono_literals;
using namespace std::string_literals;

namespace {

// What came back on one connection: every byte until the server closed it
// (or 5 s passed).
struct Exchange {
  std::string bytes;
  bool closed = false;
  unsigned status() const {
    if (bytes.compare(0, 9, "HTTP/1.1 ") != 0 || bytes.size() < 12) return 0;
    return unsigned(std::stoi(bytes.substr(9, 3)));
  }
  // Status lines ("HTTP/1.x DDD ").
  size_t answers() const {
    size_t n = 0;
    for (size_t i = bytes.find("HTTP/1."); i != std::string::npos; i = bytes.find("HTTP/1.", i + 1))
      n += i + 13 <= bytes.size() && bytes[i + 8] == ' ' && std::isdigit(static_cast<unsigned char>(bytes[i + 9])) &&
           bytes[i + 12] == ' ';
    return n;
  }
  std::string body() const {
    const size_t i = bytes.find("\r\n\r\n");
    return i == std::string::npos ? std::string() : bytes.substr(i + 4);
  }
};

Exchange talk(uint16_t port, const std::string& bytes) {
  Exchange out;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return out;
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  for (size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse before reading it all
    sent += size_t(n);
  }
  char buf[4096];
  while (true) {
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n == 0) out.closed = true;
    if (n <= 0) break;
    out.bytes.append(buf, size_t(n));
  }
  close(fd);
  return out;
}

class MalformedHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add({bhttp::verb::get, "/api/v1/ping", Access::kPublic,
                 [](const RouteRequest& rq) { return json_response(rq.http, bhttp::status::ok, {{"ping", "pong"}}); },
                 "ping"});
    router_.add({bhttp::verb::post, "/api/v1/echo", Access::kPublic,
                 [this](const RouteRequest& rq) {
                   ++served_;
                   return json_response(rq.http, bhttp::status::ok, {{"length", rq.http.body().size()}});
                 },
                 "echo"});
    ServerOptions o;
    o.port = 0;
    o.threads = 1;
    o.store_threads = 1;
    o.body_limit = 1 << 16;
    o.on_listening = [this](uint16_t p) { port_ = p; };
    server_ = std::thread([this, o] { run_server(router_, o); });
    for (int i = 0; i < 500 && port_ == 0; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_NE(port_.load(), 0);
  }
  void TearDown() override {
    kill(getpid(), SIGINT);
    server_.join();
  }
  Router router_;
  std::atomic<uint16_t> port_{0};
  std::atomic<int> served_{0};
  std::thread server_;
};

const std::string kHost = "Host: 127.0.0.1\r\n";

struct Case {
  const char* what;
  std::string bytes;
  unsigned status;
};

TEST_F(MalformedHttp, EveryMalformedOrAmbiguousRequestIsAnsweredThenTheConnectionCloses) {
  const std::string post = "POST /api/v1/echo HTTP/1.1\r\n" + kHost;
  const std::vector<Case> cases = {
      // Garbage bytes: answered at the first impossible byte, not after the read timeout.
      {"TLS hello on the plain port", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"s, 400},
      {"binary noise", "\x00\xff\x13\x37garbage"s, 400},
      {"no version", "GET /\r\n\r\n", 400},
      {"two spaces", "GET  / HTTP/1.1\r\n" + kHost + "\r\n", 400},
      {"lower-case version", "GET / http/1.1\r\n" + kHost + "\r\n", 400},
      {"a space in the target", "GET /a b HTTP/1.1\r\n" + kHost + "\r\n", 400},
      // Bad header syntax.
      {"a space in a field name", "GET / HTTP/1.1\r\n" + kHost + "Bad Name: x\r\n\r\n", 400},
      {"a space before the colon", "GET / HTTP/1.1\r\n" + kHost + "Accept : x\r\n\r\n", 400},
      {"no colon", "GET / HTTP/1.1\r\n" + kHost + "NoColon\r\n\r\n", 400},
      {"an empty name", "GET / HTTP/1.1\r\n" + kHost + ": x\r\n\r\n", 400},
      {"NUL in a value", "GET / HTTP/1.1\r\n" + kHost + "X-A: a\0b\r\n\r\n"s, 400},
      {"obs-fold", "GET / HTTP/1.1\r\n" + kHost + "X-A: a\r\n b\r\n\r\n", 400},
      {"whitespace after the request line", "GET / HTTP/1.1\r\n " + kHost + "\r\n", 400},
      {"bare LF line ends", "GET /api/v1/ping HTTP/1.1\nHost: 127.0.0.1\n\n", 400},
      {"a bare LF in the fields", "GET /api/v1/ping HTTP/1.1\r\n" + kHost + "X-A: a\n\r\n", 400},
      {"a bare CR", "GET /api/v1/ping HTTP/1.1\r\n" + kHost + "X-A: a\rb\r\n\r\n", 400},
      // Bad Content-Length.
      {"a word", post + "Content-Length: abc\r\n\r\nhello", 400},
      {"negative", post + "Content-Length: -5\r\n\r\nhello", 400},
      {"huge", post + "Content-Length: 99999999999999999999999\r\n\r\nhello", 400},
      {"a sign", post + "Content-Length: +5\r\n\r\nhello", 400},
      {"two different", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400},
      {"two equal", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400},
      {"a list", post + "Content-Length: 5, 5\r\n\r\nhello", 400},
      // Request smuggling shapes.
      {"CL then TE", post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"TE then CL", post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", 400},
      {"TE gzip with CL", post + "Transfer-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello", 400},
      {"chunked not last", post + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", 400},
      {"TE twice", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"TE in HTTP/1.0", "POST /api/v1/echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"TE with a space in its name", post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400},
      {"a bad chunk size", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 400},
      {"Host missing", "GET /api/v1/ping HTTP/1.1\r\n\r\n", 400},
      {"Host twice", "GET /api/v1/ping HTTP/1.1\r\n" + kHost + kHost + "\r\n", 400},
      // Too large.
      {"headers over 64 KB", "GET /api/v1/ping HTTP/1.1\r\n" + kHost + "X-Big: " + std::string(70 * 1024, 'a') + "\r\n\r\n", 431},
      {"many fields", "GET /api/v1/ping HTTP/1.1\r\n" + kHost + [] {
         std::string s;
         for (int i = 0; i < 2000; ++i) s += "X-F" + std::to_string(i) + ": 1234567890\r\n";
         return s;
       }() + "\r\n", 431},
      {"a target over the limit", "GET /" + std::string(20 * 1024, 'a') + " HTTP/1.1\r\n" + kHost + "\r\n", 414},
      {"a body over the limit", post + "Content-Length: 1000000\r\n\r\n" + std::string(100 * 1024, 'x'), 413},
      // Not implemented.
      {"an unknown method", "BREW /api/v1/ping HTTP/1.1\r\n" + kHost + "\r\n", 501},
      {"gzip then chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501},
      {"HTTP/2.0", "GET /api/v1/ping HTTP/2.0\r\n" + kHost + "\r\n", 505},
      {"HTTP/0.9", "GET /api/v1/ping HTTP/0.9\r\n" + kHost + "\r\n", 505},
  };
  for (const Case& c : cases) {
    const auto t0 = std::chrono::steady_clock::now();
    const Exchange e = talk(port_, c.bytes);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s) << c.what << ": the answer waited for a timeout";
    EXPECT_EQ(e.status(), c.status) << c.what << ": " << e.bytes.substr(0, 200);
    EXPECT_EQ(e.answers(), 1u) << c.what;
    EXPECT_TRUE(e.closed) << c.what;
    EXPECT_NE(e.bytes.find("\r\nConnection: close\r\n"), std::string::npos) << c.what;
    const auto body = nlohmann::json::parse(e.body(), nullptr, false);
    ASSERT_TRUE(body.is_object()) << c.what << ": " << e.bytes;
    EXPECT_FALSE(body["error"]["message_vi"].get<std::string>().empty()) << c.what;
    EXPECT_FALSE(body["error"]["message_en"].get<std::string>().empty()) << c.what;
  }
  EXPECT_EQ(served_.load(), 0);
}

TEST_F(MalformedHttp, WellFormedRequestsAreServedAndABadOneEndsTheConnection) {
  // Empty lines before a request line are skipped; a chunked body is read;
  // HTTP/1.0 needs no Host; keep-alive requests go on until the bad one.
  const std::string good = "\r\nGET /api/v1/ping HTTP/1.1\r\n" + kHost + "\r\n";
  const std::string chunked = "POST /api/v1/echo HTTP/1.1\r\n" + kHost +
                              "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n";
  const std::string garbage = "\x16\x03\x01 and the rest";
  const Exchange e = talk(port_, good + chunked + "GET /api/v1/ping HTTP/1.0\r\n\r\n");
  EXPECT_EQ(e.answers(), 3u) << e.bytes;
  EXPECT_NE(e.bytes.find("{\"length\":7}"), std::string::npos) << e.bytes;
  EXPECT_TRUE(e.closed);  // HTTP/1.0 without keep-alive
  const Exchange bad = talk(port_, good + good + garbage + good);
  EXPECT_EQ(bad.answers(), 3u) << bad.bytes;
  EXPECT_NE(bad.bytes.find("HTTP/1.1 400 Bad Request"), std::string::npos) << bad.bytes;
  EXPECT_GT(bad.bytes.find("HTTP/1.1 400"), bad.bytes.rfind("HTTP/1.1 200"));  // nothing served after it
  EXPECT_TRUE(bad.closed);
  EXPECT_EQ(served_.load(), 1);
}

TEST_F(MalformedHttp, AGarbageByteIsAnsweredEvenWhenItArrivesAlone) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  timeval tv{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ASSERT_EQ(send(fd, "GE", 2, MSG_NOSIGNAL), 2);
  std::this_thread::sleep_for(100ms);
  ASSERT_EQ(send(fd, "T\x01", 2, MSG_NOSIGNAL), 2);
  char buf[512];
  const ssize_t n = recv(fd, buf, sizeof buf, 0);
  close(fd);
  ASSERT_GT(n, 12);
  EXPECT_EQ(std::string(buf, 12), "HTTP/1.1 400");
}

TEST(HeadScanner, FedAByteAtATimeItDecidesAsSoonAsItCan) {
  const std::string head = "\r\nGET /a?b=c HTTP/1.1\r\nHost: x\r\nX-Y:\tz \x80\r\n\r\nBODY";
  HeadScanner scan(1024);
  for (size_t i = 1; i <= head.size(); ++i) {
    const HeadScan v = scan.scan(std::string_view(head).substr(0, i));
    if (i < head.size() - 4) {
      ASSERT_EQ(v, HeadScan::kNeedMore) << i;
    } else {
      ASSERT_EQ(v, HeadScan::kComplete) << i;
      break;
    }
  }
  EXPECT_EQ(scan.skip(), 2u);
  EXPECT_EQ(scan.length(), head.size() - 4 - 2);

  struct Bad {
    std::string bytes;
    HeadScan verdict;
  };
  for (const Bad& b : std::vector<Bad>{{"G\x01", HeadScan::kBadRequestLine},
                                      {"GET / HTTP/1.1\r\nA b: c", HeadScan::kBadField},
                                      {"GET / HTTP/1.1\n", HeadScan::kBareLf},
                                      {"GET / HTTP/1.1\rX", HeadScan::kBareCr},
                                      {"GET / HTTP/1.1\r\nA: b\r\n\tc", HeadScan::kObsFold},
                                      {"GET / HTTP/1.12", HeadScan::kBadRequestLine},
                                      {"GET / HTTP/1.1\r\nA: b\x7F", HeadScan::kBadField},
                                      {"GET /" + std::string(40, 'a'), HeadScan::kTargetTooLong},
                                      {"GET / HTTP/1.1\r\nA: " + std::string(40, 'a'), HeadScan::kTooLarge}}) {
    HeadScanner s(32);
    EXPECT_EQ(s.scan(b.bytes), b.verdict) << b.bytes;
  }
  // A CR at the end of what came so far waits for its LF.
  HeadScanner s(1024);
  EXPECT_EQ(s.scan("GET / HTTP/1.1\r"), HeadScan::kNeedMore);
  EXPECT_EQ(s.scan("GET / HTTP/1.1\r\n"), HeadScan::kNeedMore);
}

}  // namespace
