#include "http/server.h"

#include "http/request_head.h"
#include "http/static_files.h"

#include <pthread.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

namespace danso::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

// The time of the access log's lines, formatted once a second per thread.
const std::string& now_iso() {
  thread_local std::time_t last = -1;
  thread_local std::string text;
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (t != last) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    text = buf;
    last = t;
  }
  return text;
}

// `s` as a JSON string: as it is when it is plain ASCII with nothing to
// escape (a method, an address, most paths), else escaped by nlohmann::json
// (invalid UTF-8 replaced).
void append_json_string(std::string& out, std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x80 && c != '"' && c != '\\';
  });
  if (plain) {
    out += '"';
    out += s;
    out += '"';
    return;
  }
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class Session;

// A pool of threads for one lane, named for `top -H` and `ps -L`
// ("danso-read", ...).
class LanePool {
 public:
  LanePool(int threads, const char* name) : work_(asio::make_work_guard(ctx_)) {
    for (int i = 0; i < std::max(1, threads); ++i)
      threads_.emplace_back([this, name] {
        pthread_setname_np(pthread_self(), name);
        ctx_.run();
      });
  }
  ~LanePool() { join(); }
  asio::io_context& context() { return ctx_; }
  // Runs what is queued, then stops the threads.
  void join() {
    work_.reset();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

 private:
  asio::io_context ctx_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

// The API's handlers run off the connections' threads, on the pool of their
// route's lane (router.h): the in-memory lane, and the database's lane split
// in two, its reads (GET, HEAD: each on a reader connection of its own,
// app/database.h) and its writes, so a dashboard answered from memory never
// waits behind a slow write, a search never queues behind slips being
// written, and no connection's reads or writes wait behind a handler.
struct Shared {
  Shared(const Router& r, const ServerOptions& o, LanePool& store, LanePool& reads, LanePool& compute,
         LanePool& database_io)
      : router(r),
        options(o),
        store_pool(store),
        read_pool(reads),
        compute_pool(compute),
        database_io(database_io) {}
  // The pool that runs `req`'s handler.
  LanePool& pool_of(const Request& req) {
    if (router.lane_of(req) == Lane::kCompute) return compute_pool;
    const bool reads = req.method() == bhttp::verb::get || req.method() == bhttp::verb::head;
    return reads ? read_pool : store_pool;
  }
  const Router& router;
  const ServerOptions& options;
  LanePool& store_pool;
  LanePool& read_pool;
  LanePool& compute_pool;
  // The connection thread of the connections that have asked the database
  // (Session::move_to_database_io).
  LanePool& database_io;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::vector<std::weak_ptr<Session>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : shared_(shared) { stream_.emplace(std::move(socket)); }
  void start() {
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      std::erase_if(shared_.sessions, [](const std::weak_ptr<Session>& w) { return w.expired(); });
      shared_.sessions.push_back(weak_from_this());
    }
    asio::dispatch(stream_->get_executor(), beast::bind_front_handler(&Session::read, shared_from_this()));
  }
  // On shutdown: a session waiting for its next request closes now; one
  // handling a request closes after its response.
  // (A session that moved to the database's connection thread meanwhile is
  // asked again there: a move runs on the strand this runs on.)
  void stop_if_idle() {
    std::unique_lock<std::mutex> lock(moving_);  // the stream read as a move may replace it
    const auto executor = stream_->get_executor();
    const bool moved = on_database_io_;
    lock.unlock();  // (dispatch may run the check here and now)
    asio::dispatch(executor, [self = shared_from_this(), moved] {
      if (self->moved_since(moved)) return self->stop_if_idle();
      if (!self->busy_) self->stream_->cancel();
    });
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(uint32_t(shared_.options.header_limit));
    parser_->body_limit(shared_.options.body_limit);
    head_.emplace(shared_.options.header_limit);
    stream_->expires_after(std::chrono::seconds(requests_ == 0 ? shared_.options.read_timeout_seconds
                                                              : shared_.options.idle_timeout_seconds));
    read_head();
  }

  // The head's bytes are checked as they arrive (request_head.h), then
  // parsed by Beast and its header checked, before any of the body is read.
  void read_head() {
    const auto data = buffer_.data();
    const HeadScan verdict = head_->scan(std::string_view(static_cast<const char*>(data.data()), data.size()));
    if (verdict == HeadScan::kNeedMore) {
      stream_->async_read_some(buffer_.prepare(kReadChunk), [self = shared_from_this()](beast::error_code ec, size_t n) {
        self->buffer_.commit(n);
        if (ec) return self->on_read(ec, 0);
        self->read_head();
      });
      return;
    }
    busy_ = true;
    if (auto refused = refusal_of(verdict, shared_.options.header_limit)) return refuse(*refused);
    buffer_.consume(head_->skip());
    beast::error_code ec;
    buffer_.consume(parser_->put(asio::buffer(buffer_.data(), head_->length()), ec));
    if (ec) return refuse(refusal_of(ec, shared_.options.header_limit));
    if (!parser_->is_header_done())  // cannot be: the whole head was there
      return refuse(refusal_of(bhttp::error::partial_message, shared_.options.header_limit));
    if (auto refused = check_request_header(parser_->get())) return refuse(*refused);
    if (parser_->is_done()) return on_read({}, 0);
    bhttp::async_read(*stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  // A request that cannot be served as sent: the answer HTTP asks for, then
  // the connection closes (what follows on it cannot be framed reliably).
  void refuse(const Refusal& r) {
    busy_ = true;
    ++requests_;
    Request req;
    req.version(11);
    req.keep_alive(false);
    Response res = error_response(req, r.status, r.code, r.vi, r.en);
    res.keep_alive(false);
    linger_ = true;
    write(std::move(res), "-", "-", false);
  }

  void on_read(beast::error_code ec, size_t) {
    busy_ = true;
    if (ec) {
      // A request Beast cannot frame (a bad chunk, a body over the limit) is
      // answered; a connection that ends or times out is closed.
      const bool malformed = ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                             ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
      return malformed ? refuse(refusal_of(ec, shared_.options.header_limit)) : close();
    }
    ++requests_;
    auto req = std::make_shared<Request>(parser_->release());
    const auto t0 = std::chrono::steady_clock::now();
    const std::string_view target(req->target().data(), req->target().size());
    if (target.rfind("/api/", 0) == 0) {
      // An answer at hand (router.h, try_quick) is given at once; any other
      // runs on its lane.
      // (Not once stopping: a kept answer's bytes say the connection stays open.)
      std::optional<QuickAnswer> quick;
      try {
        if (!shared_.stopping) quick = shared_.router.try_quick(*req, remote_address());
      } catch (const std::exception&) {
        quick.reset();  // the lane answers it, with its error if it has one
      }
      if (quick && std::holds_alternative<WireResponse>(*quick))
        return write_wire(*req, std::get<WireResponse>(std::move(*quick)), t0);
      if (quick) return respond(*req, std::get<Response>(std::move(*quick)), t0);
      LanePool& pool = shared_.pool_of(*req);
      if (&pool != &shared_.compute_pool) move_to_database_io();
      asio::post(pool.context(), [self = shared_from_this(), req, t0, remote = remote_address()] {
        auto res = std::make_shared<Response>(self->answer(*req, remote));
        asio::post(self->stream_->get_executor(), [self, req, t0, res] { self->respond(*req, std::move(*res), t0); });
      });
      return;
    }
    Response res;
    if (req->method() == bhttp::verb::get || req->method() == bhttp::verb::head)
      res = static_file(*req, shared_.options.static_root);
    else
      res = error_response(*req, bhttp::status::method_not_allowed, "method_not_allowed",
                           "phương thức không được hỗ trợ", "method not allowed");
    respond(*req, std::move(res), t0);
  }

  // A connection that asks the database (a register search, a slip) is
  // served from then on by a connection thread of its own, shared with the
  // other such connections: its requests and answers no longer wait their
  // turn among the many connections that ask for figures from memory (the
  // dashboards), whose turn on the two connection threads can take tens of
  // milliseconds under load. Called with no operation pending on the
  // stream; when the socket cannot be released, the connection stays where
  // it is.
  void move_to_database_io() {
    if (on_database_io_) return;
    beast::error_code ec;
    const auto local = stream_->socket().local_endpoint(ec);
    if (ec) return;
    std::lock_guard<std::mutex> lock(moving_);
    const tcp::socket::native_handle_type fd = stream_->socket().release(ec);
    if (ec) return;
    tcp::socket moved(asio::make_strand(shared_.database_io.context()));
    moved.assign(local.protocol(), fd, ec);
    if (ec)
      ::close(fd);  // cannot happen short of running out of memory: the connection ends
    else
      on_database_io_ = true;
    stream_.emplace(std::move(moved));
  }

  bool moved_since(bool moved) {
    std::lock_guard<std::mutex> lock(moving_);
    return on_database_io_ != moved;
  }

  // Runs on a lane's pool.
  Response answer(const Request& req, const std::string& remote) {
    try {
      return shared_.router.dispatch(req, remote);
    } catch (const std::exception&) {
      return error_response(req, bhttp::status::internal_server_error, "internal", "lỗi nội bộ", "internal error");
    }
  }

  // Back on the connection's strand.
  void respond(const Request& req, Response res, std::chrono::steady_clock::time_point t0) {
    const bool keep = req.keep_alive() && !shared_.stopping;
    res.keep_alive(keep);
    elapsed_us_ = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    write(std::move(res), std::string(req.method_string().data(), req.method_string().size()),
          std::string(req.target().data(), req.target().size()), keep);
  }

  void write(Response res, const std::string& method, const std::string& target, bool keep) {
    auto sp = std::make_shared<Response>(std::move(res));
    stream_->expires_after(std::chrono::seconds(shared_.options.read_timeout_seconds));
    bhttp::async_write(*stream_, *sp,
                       [self = shared_from_this(), sp, method, target, keep](beast::error_code ec, size_t bytes) {
                         self->written(ec, method, target, sp->result_int(), bytes, keep);
                       });
  }

  // A response is out (or failed): logged, then the next request is read
  // unless the connection ends here.
  void written(beast::error_code ec, const std::string& method, const std::string& target, unsigned status,
               size_t bytes, bool keep) {
    log(method, target, status, bytes);
    busy_ = false;
    if (!ec && linger_) return linger();
    if (ec || !keep || shared_.stopping) return close();
    read();
  }

  // After refusing a request: stop sending, then read and drop what the
  // client still sends (for a short while, up to a bound) before the socket
  // closes, so that the refusal is read rather than lost to a reset, as
  // closing over unread bytes would cause (RFC 9112 9.6).
  void linger() {
    beast::error_code ec;
    stream_->socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_->expires_after(std::chrono::seconds(kLingerSeconds));
    drain();
  }
  void drain() {
    stream_->async_read_some(asio::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kLingerBytes) return;  // the session ends, and its socket closes
      self->drain();
    });
  }

  // A response made earlier, as its bytes (response.h): for a keep-alive
  // HTTP/1.1 request, which it says it keeps alive (not used once stopping;
  // should the server begin to stop meanwhile, the connection closes after it).
  void write_wire(const Request& req, WireResponse res, std::chrono::steady_clock::time_point t0) {
    elapsed_us_ = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    stream_->expires_after(std::chrono::seconds(shared_.options.read_timeout_seconds));
    const auto bytes = res.bytes;
    asio::async_write(*stream_, asio::buffer(*bytes),
                      [self = shared_from_this(), bytes, status = res.status,
                       method = std::string(req.method_string().data(), req.method_string().size()),
                       target = std::string(req.target().data(), req.target().size())](beast::error_code ec,
                                                                                        size_t n) {
                        self->written(ec, method, target, status, n, true);
                      });
  }

  const std::string& remote_address() {
    if (!remote_known_) {
      beast::error_code ec;
      auto ep = stream_->socket().remote_endpoint(ec);
      remote_ = ec ? std::string() : ep.address().to_string();
      remote_known_ = !ec;
    }
    return remote_;
  }

  // One JSON object per line: time, remote, method, target (no query), status, bytes, duration_us.
  void log(const std::string& method, const std::string& target, unsigned status, size_t bytes) {
    if (!shared_.options.access_log) return;
    const std::string& remote = remote_address();
    std::string line;
    line.reserve(160 + target.size());
    line += "{\"time\":\"";
    line += now_iso();
    line += "\",\"remote\":";
    append_json_string(line, remote.empty() ? std::string_view("-") : std::string_view(remote));
    line += ",\"method\":";
    append_json_string(line, method);
    line += ",\"target\":";
    append_json_string(line, std::string_view(target).substr(0, target.find('?')));
    line += ",\"status\":" + std::to_string(status) + ",\"bytes\":" + std::to_string(bytes) +
            ",\"duration_us\":" + std::to_string(elapsed_us_) + "}";
    shared_.options.access_log(std::move(line));
  }

  void close() {
    beast::error_code ec;
    stream_->socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  static constexpr size_t kReadChunk = 4096;
  static constexpr int kLingerSeconds = 2;
  static constexpr size_t kLingerBytes = 1 << 20;

  std::optional<beast::tcp_stream> stream_;  // replaced once, when moved to the database's connection thread
  std::mutex moving_;                        // held while it is replaced, and by stop_if_idle()
  bool on_database_io_ = false;             // written under moving_
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<HeadScanner> head_;
  bool linger_ = false;  // the connection closes after this answer, lingering
  std::array<char, 4096> drain_buffer_{};
  size_t drained_ = 0;
  Shared& shared_;
  int requests_ = 0;
  int64_t elapsed_us_ = 0;
  std::string remote_;  // the client's address, read once
  bool remote_known_ = false;
  bool busy_ = false;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, tcp::endpoint ep, Shared& shared) : ioc_(ioc), acceptor_(ioc), shared_(shared) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }
  void stop() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || shared_.stopping) return;
    if (!ec) std::make_shared<Session>(std::move(socket), shared_)->start();
    accept();
  }
  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

}  // namespace

constexpr int kAcceptsWaiting = 16;

int run_server(const Router& router, const ServerOptions& options) {
  asio::io_context ioc(options.threads);
  LanePool store_pool(options.store_threads, "danso-write");
  LanePool read_pool(options.read_threads, "danso-read");
  LanePool compute_pool(options.threads, "danso-compute");
  LanePool database_io(1, "danso-io-db");
  Shared shared(router, options, store_pool, read_pool, compute_pool, database_io);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options.address, ec);
  if (ec) {
    std::cerr << "Lỗi: địa chỉ không hợp lệ '" << options.address << "'\nError: invalid address '" << options.address
              << "'\n";
    return 2;
  }
  std::shared_ptr<Listener> listener;
  try {
    listener = std::make_shared<Listener>(ioc, tcp::endpoint(address, options.port), shared);
  } catch (const boost::system::system_error& e) {
    std::cerr << "Lỗi: không lắng nghe được " << options.address << ":" << options.port << " (" << e.what()
              << ")\nError: cannot listen on " << options.address << ":" << options.port << " (" << e.what() << ")\n";
    return 2;
  }
  // Several accepts waiting at once: a burst of new connections (clients
  // reconnecting together) is taken in as fast as the connection threads
  // run, not one per turn of their queue.
  for (int i = 0; i < kAcceptsWaiting; ++i) listener->accept();
  if (options.on_listening) options.on_listening(listener->port());

  // Graceful stop: close the listener, close idle connections, let requests
  // in flight finish (their connections close after the response), and stop
  // waiting after 10 s.
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer grace(ioc);
  const auto deadline_after = std::chrono::seconds(10);
  std::chrono::steady_clock::time_point deadline;
  std::function<void()> check = [&] {
    size_t live = 0;
    {
      std::lock_guard<std::mutex> lock(shared.mu);
      for (auto& w : shared.sessions) live += !w.expired();
    }
    if (live == 0 || std::chrono::steady_clock::now() >= deadline) return ioc.stop();
    grace.expires_after(std::chrono::milliseconds(50));
    grace.async_wait([&](const boost::system::error_code& e) {
      if (!e) check();
    });
  };
  signals.async_wait([&](const boost::system::error_code& e, int) {
    if (e) return;
    shared.stopping = true;
    listener->stop();
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard<std::mutex> lock(shared.mu);
      for (auto& w : shared.sessions)
        if (auto sp = w.lock()) live.push_back(sp);
    }
    for (auto& sp : live) sp->stop_if_idle();
    deadline = std::chrono::steady_clock::now() + deadline_after;
    check();
  });
  std::vector<std::thread> pool;
  for (int i = 1; i < options.threads; ++i)
    pool.emplace_back([&] {
      pthread_setname_np(pthread_self(), "danso-io");
      ioc.run();
    });
  ioc.run();
  for (auto& t : pool) t.join();
  database_io.context().stop();  // its connections are closed or abandoned as the others' are
  database_io.join();
  store_pool.join();
  read_pool.join();
  compute_pool.join();
  return 0;
}

}  // namespace danso::http
