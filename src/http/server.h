// Server: an asynchronous HTTP/1.1 server (Boost.Beast over Asio) serving the
// API routes of a Router and the built UI as static files. Each connection
// has read and write deadlines and a body size limit, so slow or idle
// clients cannot starve the others; handlers run on the pool of their
// route's lane (router.h), never on a connection's thread; SIGINT/SIGTERM stop accepting, let
// requests in flight finish, then return from run().
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "http/router.h"

namespace danso::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 2;                 // connection threads, and threads answering from memory
  int store_threads = 2;           // threads running the handlers that write to the database
  int read_threads = 4;            // threads running those that read it (GET, HEAD)
  size_t body_limit = 1 << 20;     // bytes
  size_t header_limit = 16 << 10;  // bytes of the request line and header fields (431 beyond, 414 for the line alone)
  int read_timeout_seconds = 15;   // per request, headers and body
  int idle_timeout_seconds = 60;   // keep-alive between requests
  std::string static_root;         // built UI; empty: none
  // Called once per request after the response, for the access log.
  std::function<void(std::string line)> access_log;
  // Called once listening, with the actual port (0 asks the OS for one).
  std::function<void(uint16_t port)> on_listening;
};

// Runs until SIGINT or SIGTERM (or stop()); returns the process exit code.
int run_server(const Router& router, const ServerOptions& options);

}  // namespace danso::http
