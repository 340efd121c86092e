// The server over real sockets: a handler that waits for the database runs
// on its lane's pool, so neither the connection threads nor the answers
// from memory wait for it; SIGINT lets the slow request finish first. An
// answer kept as bytes (WireResponse) is written as they are, and the
// connection goes on to the next request.
#include <gtest/gtest.h>

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <algorithm>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>
#include <thread>

#include "http/server.h"

using namespace danso::http;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

// One GET on a new connection; the status, or 0 when it fails.
unsigned get(uint16_t port, const std::string& target) {
  try {
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    Request req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    bhttp::write(socket, req);
    boost::beast::flat_buffer buffer;
    Response res;
    bhttp::read(socket, buffer, res);
    return res.result_int();
  } catch (const std::exception&) {
    return 0;
  }
}

// Starts run_server(router, o) on a thread of its own, once listening on a
// free port (written to `port`; 0 when it did not start within 5 s).
std::thread start_server(const Router& router, ServerOptions& o, std::atomic<uint16_t>& port) {
  o.port = 0;
  o.on_listening = [&port](uint16_t p) { port = p; };
  std::thread server([&router, &o] { run_server(router, o); });
  for (int i = 0; i < 500 && port == 0; ++i) std::this_thread::sleep_for(10ms);
  return server;
}

// One GET of HTTP/`version` on an open connection, and its answer.
Response ask(asio::ip::tcp::socket& socket, boost::beast::flat_buffer& buffer, const std::string& target,
             unsigned version = 11) {
  Request req{bhttp::verb::get, target, version};
  req.set(bhttp::field::host, "127.0.0.1");
  bhttp::write(socket, req);
  Response res;
  bhttp::read(socket, buffer, res);
  return res;
}

// Everyone is signed in, from memory too.
class OpenGate : public Gate {
 public:
  std::optional<Principal> authenticate(const Request&) override { return Principal{}; }
  std::optional<Principal> authenticate_cached(const Request&) override { return Principal{}; }
  bool visible(const Principal&, ScopeKind, std::string_view) override { return true; }
};

}  // namespace

TEST(ServerLanes, AnAnswerKeptAsBytesIsWrittenAsTheyAreAndTheConnectionGoesOn) {
  Router router;
  router.set_gate(std::make_unique<OpenGate>());
  const auto kept = to_wire([] {
    Request req{bhttp::verb::get, "/", 11};
    return json_response(req, bhttp::status::ok, {{"kept", "đã lưu"}});
  }());
  std::atomic<int> lane_answers{0};
  router.add({bhttp::verb::get, "/api/v1/kept", Access::kSignedIn,
              [&](const RouteRequest& rq) {
                ++lane_answers;
                return json_response(rq.http, bhttp::status::ok, {{"kept", "đã lưu"}});
              },
              "kept", {}, Lane::kCompute,
              [&](const RouteRequest& rq) -> std::optional<QuickAnswer> {
                if (rq.http.version() != 11 || !rq.http.keep_alive()) return std::nullopt;
                return std::optional<QuickAnswer>(std::in_place, std::in_place_type<WireResponse>, kept);
              }});
  std::atomic<uint16_t> port{0};
  ServerOptions o;
  o.threads = 1;
  std::mutex log_mu;
  std::vector<std::string> log;
  o.access_log = [&](std::string line) {
    std::lock_guard<std::mutex> lock(log_mu);
    log.push_back(std::move(line));
  };
  std::thread server = start_server(router, o, port);
  ASSERT_NE(port.load(), 0);

  // Three requests on one keep-alive connection, then one of HTTP/1.0.
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  boost::beast::flat_buffer buffer;
  for (int i = 0; i < 3; ++i) {
    const Response res = ask(socket, buffer, i == 0 ? "/api/v1/kept?unit=99&period=2024" : "/api/v1/kept");
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_EQ(res.body(), R"({"kept":"đã lưu"})");
    EXPECT_TRUE(res.keep_alive());
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  }
  EXPECT_EQ(lane_answers.load(), 0);
  const Response res = ask(socket, buffer, "/api/v1/kept", 10);
  EXPECT_EQ(res.body(), R"({"kept":"đã lưu"})");
  EXPECT_FALSE(res.keep_alive());
  EXPECT_EQ(lane_answers.load(), 1);

  kill(getpid(), SIGINT);
  server.join();
  // One access-log line per request: the path without its query, the bytes written.
  std::lock_guard<std::mutex> lock(log_mu);
  ASSERT_EQ(log.size(), 4u);
  const auto first = nlohmann::json::parse(log[0]);
  EXPECT_EQ(first["remote"], "127.0.0.1");
  EXPECT_EQ(first["method"], "GET");
  EXPECT_EQ(first["target"], "/api/v1/kept");
  EXPECT_EQ(first["status"], 200);
  EXPECT_EQ(first["bytes"], kept.bytes->size());
  EXPECT_EQ(first["time"].get<std::string>().size(), 20u);  // 2026-01-01T00:00:00Z
  EXPECT_GE(first["duration_us"], 0);
}

TEST(ServerLanes, AnAnswerFromMemoryDoesNotWaitForASlowDatabaseHandler) {
  Router router;
  std::atomic<int> slow_done{0};
  router.add({bhttp::verb::get, "/api/v1/slow", Access::kPublic,
              [&](const RouteRequest& rq) {
                std::this_thread::sleep_for(1500ms);  // a long write holding the database
                ++slow_done;
                return json_response(rq.http, bhttp::status::ok, {{"slow", true}});
              },
              "slow"});
  router.add({bhttp::verb::get, "/api/v1/fast", Access::kPublic,
              [](const RouteRequest& rq) { return json_response(rq.http, bhttp::status::ok, {{"fast", true}}); },
              "fast", {}, Lane::kCompute});
  std::atomic<uint16_t> port{0};
  ServerOptions o;
  o.threads = 1;  // one connection thread: a handler run on it would hold every connection
  o.store_threads = 1;
  std::thread server = start_server(router, o, port);
  ASSERT_NE(port.load(), 0);

  unsigned slow_status = 0;
  std::thread slow([&] { slow_status = get(port, "/api/v1/slow"); });
  std::this_thread::sleep_for(200ms);  // the slow handler is running
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(get(port, "/api/v1/fast"), 200u);
  EXPECT_EQ(get(port, "/api/v1/nowhere"), 404u);  // no route: answered without waiting for the database
  const auto fast_took = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(slow_done.load(), 0) << "the fast answers came after the slow one";
  EXPECT_LT(fast_took, 1000ms);

  // Stopping waits for the request in flight.
  kill(getpid(), SIGINT);
  slow.join();
  server.join();
  EXPECT_EQ(slow_status, 200u);
  EXPECT_EQ(slow_done.load(), 1);
}

// A connection that asks the database is served from then on by the
// database's connection thread ("danso-io-db", where its access-log lines
// are written), answers from memory included; stopping the server closes it
// at once when it is idle there, as on the other connection threads.
TEST(ServerLanes, AConnectionThatAsksTheDatabaseMovesToItsOwnConnectionThreadAndGoesOn) {
  Router router;
  router.add({bhttp::verb::get, "/api/v1/db", Access::kPublic,
              [](const RouteRequest& rq) { return json_response(rq.http, bhttp::status::ok, {{"db", true}}); },
              "db"});
  for (const char* path : {"/api/v1/fast", "/api/v1/other"})
    router.add({bhttp::verb::get, path, Access::kPublic,
                [](const RouteRequest& rq) { return json_response(rq.http, bhttp::status::ok, {{"fast", true}}); },
                "fast", {}, Lane::kCompute});
  std::atomic<uint16_t> port{0};
  ServerOptions o;
  o.threads = 2;
  std::mutex log_mu;
  std::vector<std::pair<std::string, std::string>> logged;  // target, the thread that wrote the answer
  o.access_log = [&](std::string line) {
    char name[32] = {};
    pthread_getname_np(pthread_self(), name, sizeof name);
    std::lock_guard<std::mutex> lock(log_mu);
    logged.emplace_back(nlohmann::json::parse(line)["target"].get<std::string>(), name);
  };
  std::thread server = start_server(router, o, port);
  ASSERT_NE(port.load(), 0);

  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  boost::beast::flat_buffer buffer;
  const std::vector<std::string> targets = {"/api/v1/fast", "/api/v1/db", "/api/v1/fast", "/api/v1/db",
                                            "/api/v1/fast"};
  for (const std::string& target : targets) {
    const Response res = ask(socket, buffer, target);
    EXPECT_EQ(res.result_int(), 200u) << target;
    EXPECT_EQ(res.body(), target == "/api/v1/db" ? R"({"db":true})" : R"({"fast":true})");
    EXPECT_TRUE(res.keep_alive());
  }
  // Another connection that asks only for figures from memory stays where it is.
  EXPECT_EQ(get(port, "/api/v1/other"), 200u);

  // The connection is idle on the database's thread: stopping closes it at
  // once (a connection left open would hold the stop for its 10 s).
  const auto t0 = std::chrono::steady_clock::now();
  kill(getpid(), SIGINT);
  server.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
  char buf[1];
  boost::system::error_code ec;
  socket.read_some(asio::buffer(buf), ec);
  EXPECT_EQ(ec, asio::error::eof);

  std::lock_guard<std::mutex> lock(log_mu);
  ASSERT_EQ(logged.size(), 6u);
  // The other connection's line may come before the last of the first's.
  const auto other =
      std::find_if(logged.begin(), logged.end(), [](const auto& l) { return l.first == "/api/v1/other"; });
  ASSERT_NE(other, logged.end());
  EXPECT_NE(other->second, "danso-io-db");
  logged.erase(other);
  EXPECT_NE(logged[0].second, "danso-io-db");  // before it asked the database
  for (size_t i = 1; i < 5; ++i) EXPECT_EQ(logged[i].second, "danso-io-db") << logged[i].first;
}
