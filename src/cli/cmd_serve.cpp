// danso serve --db FILE [--listen 127.0.0.1:8080] [--static DIR] [--threads N]
#include <iostream>
#include <mutex>

#include "cli/command.h"
#include "http/api.h"
#include "http/server.h"
#include "store/sqlite/sqlite_store.h"

namespace {

struct ServeArgs {
  std::string db, listen = "127.0.0.1:8080", static_root;
  int threads = 2;
};

int run_serve(const ServeArgs& a) {
  using namespace danso;
  const auto colon = a.listen.rfind(':');
  int port = -1;
  try {
    if (colon != std::string::npos) port = std::stoi(a.listen.substr(colon + 1));
  } catch (...) {
  }
  if (colon == std::string::npos || port < 0 || port > 65535)
    return cli::report_error(Error::invalid("listen", "--listen phải có dạng ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8080",
                                            "--listen must look like ADDRESS:PORT, e.g. 127.0.0.1:8080"));
  auto store = open_sqlite_store(a.db);
  if (!store) return cli::report_error(store.error());
  http::ApiContext ctx(**store);
  const http::Router router = http::make_api(ctx);
  http::ServerOptions o;
  o.address = a.listen.substr(0, colon);
  o.port = uint16_t(port);
  o.threads = std::max(1, a.threads);
  o.static_root = a.static_root;
  std::mutex log_mu;
  o.access_log = [&](const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mu);
    std::cerr << line << "\n";
  };
  o.on_listening = [&](uint16_t p) {
    std::cout << "DanSo đang chạy tại / listening on http://" << o.address << ":" << p << "/" << std::endl;
  };
  const int code = http::run_server(router, o);
  std::cout << "Đã dừng / stopped" << std::endl;
  return code;
}

DANSO_COMMAND(serve, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("serve", "Chạy máy chủ web / run the HTTP server");
  auto a = std::make_shared<ServeArgs>();
  cmd->add_option("--db", a->db, "database file")->required();
  cmd->add_option("--listen", a->listen, "ADDRESS:PORT (default 127.0.0.1:8080; port 0 picks a free one)");
  cmd->add_option("--static", a->static_root, "folder of the built UI");
  cmd->add_option("--threads", a->threads, "worker threads (default 2)");
  cmd->callback([&ctx, a] { ctx.exit_code = run_serve(*a); });
});

}  // namespace
