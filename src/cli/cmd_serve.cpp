// danso serve --db FILE [--snapshot-db STANDBY] [--listen 127.0.0.1:8080] [--static DIR] [--threads N]
//   [--audit-key K --audit-anchors A [--audit-anchor-every 60]]
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/audit_anchorer.h"
#include "app/catalogue_file.h"
#include "cli/audit_options.h"
#include "cli/command.h"
#include "http/api.h"
#include "http/access_log.h"
#include "http/server.h"
#include "app/database.h"
#include "app/register_reads.h"
#include "app/snapshot_source.h"

namespace {

#ifndef DANSO_SOURCE_DIR
#define DANSO_SOURCE_DIR ""
#endif

// Without --static: the UI built in the source tree this binary was compiled
// from (web/dist, `npm run build`), else one installed beside the binary
// (../share/danso/web). Empty when neither holds an index.html: API only.
std::string default_static_root() {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (*DANSO_SOURCE_DIR) candidates.push_back(fs::path(DANSO_SOURCE_DIR) / "web" / "dist");
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share" / "danso" / "web");
  for (const auto& c : candidates)
    if (fs::is_regular_file(c / "index.html", ec)) return c.string();
  return "";
}

struct ServeArgs {
  std::string db, snapshot_db, listen = "127.0.0.1:8080", static_root, catalogue;
  int threads = 2;
  danso::accounts::AnchorConfig anchors;
  int64_t anchor_every = 60;
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
  auto db = open_database(a.db, {.checkpoint_beside = true});
  if (!db) return cli::report_error(db.error());
  auto catalogue = catalogue_with_file(a.catalogue);
  if (!catalogue) return cli::report_error(catalogue.error());
  http::AccessLog log(stderr);
  http::ApiOptions api;
  api.indicators.catalogue = std::move(*catalogue);
  // The indicators' snapshot is read through a connection of its own: on
  // --snapshot-db (a hot standby) when given, else on --db.
  api.indicators.open_reader = [&database = **db] { return database.open_reader(); };
  // A slip's persons, read for the update in place, on one more (never the standby).
  api.indicators.open_group_reader = [&database = **db] { return database.open_reader(); };
  if (!a.snapshot_db.empty()) {
    SnapshotSource::Options so;
    so.log = [&log](const std::string& line) {
      log.write(accounts::anchor_log_line(std::time(nullptr), "snapshot_source", line));
    };
    auto source = SnapshotSource::open(**db, a.snapshot_db, std::move(so));
    if (!source) return cli::report_error(source.error());
    api.snapshot_source = std::move(*source);
    std::cout << "Số liệu chỉ tiêu đọc từ / the indicators' snapshot is read from " << shown_location(a.snapshot_db)
              << std::endl;
  }
  http::ApiContext ctx(**db, std::move(api));
  // The audit log is checked against its latest anchor before serving, and
  // anchored while serving and at stop (app/accounts/audit_anchorer.h).
  auto anchoring = accounts::Anchoring::open(a.anchors);
  if (!anchoring) return cli::report_error(anchoring.error());
  std::optional<accounts::AuditAnchorer> anchorer;
  if (*anchoring) {
    anchorer.emplace((*db)->store(), (*db)->mutex(), std::move(**anchoring), a.anchor_every, [&ctx] { return ctx.now(); },
                     [&log](std::string line) { log.write(std::move(line)); });
    if (auto st = anchorer->start(); !st) {
      if (st.error().code != ErrorCode::kFailedPrecondition) return cli::report_error(st.error());
      std::cerr << "Nhật ký bị can thiệp, không chạy máy chủ / the audit log was tampered with, not serving\n"
                << "Lỗi: " << st.error().vi << "\nError: " << st.error().en << "\n";
      return 1;
    }
  } else {
    std::cout << "Cảnh báo: nhật ký thay đổi không được neo (--audit-key, --audit-anchors) / warning: the audit log "
                 "is not anchored (--audit-key, --audit-anchors)"
              << std::endl;
  }
  const http::Router router = http::make_api(ctx);
  http::ServerOptions o;
  o.address = a.listen.substr(0, colon);
  o.port = uint16_t(port);
  o.threads = std::max(1, a.threads);
  o.static_root = a.static_root.empty() ? default_static_root() : a.static_root;
  o.access_log = [&](std::string line) { log.write(std::move(line)); };
  o.on_listening = [&](uint16_t p) {
    std::cout << "DanSo đang chạy tại / listening on http://" << o.address << ":" << p << "/" << std::endl;
    if (o.static_root.empty())
      std::cout << "Chưa có giao diện web (chạy scripts/build.sh) / no web UI found (run scripts/build.sh): API only"
                << std::endl;
    else
      std::cout << "Giao diện web / web UI: " << o.static_root << std::endl;
  };
  int code = 0;
  {
    // The names searched by are read in the background from the start, so
    // that the first searches find them kept; a line of the log says when
    // (or why not: a search then reads them itself).
    const ResidentNamesWarming warming(**db, ctx.accounts.units(), [&](const std::string& line) {
      log.write(accounts::anchor_log_line(std::time(nullptr), "search_names", line));
    });
    code = http::run_server(router, o);
  }
  if (anchorer) anchorer->stop();
  std::cout << "Đã dừng / stopped" << std::endl;
  return code;
}

DANSO_COMMAND(serve, [](CLI::App& root, danso::cli::Context& ctx) {
  auto* cmd = root.add_subcommand("serve", "Chạy máy chủ web / run the HTTP server");
  auto a = std::make_shared<ServeArgs>();
  cmd->add_option("--db", a->db, "database file, or postgresql://USER@HOST:PORT/DBNAME")->required();
  cmd->add_option("--snapshot-db", a->snapshot_db,
                  "postgresql:// address of a hot standby of --db's server: the indicators' snapshot is loaded from it "
                  "(docs/postgresql.md)");
  cmd->add_option("--listen", a->listen, "ADDRESS:PORT (default 127.0.0.1:8080; port 0 picks a free one)");
  cmd->add_option("--catalogue", a->catalogue, "JSON file adding or replacing indicator definitions (docs/indicators.md)");
  cmd->add_option("--static", a->static_root, "folder of the built UI (default: web/dist of the source tree, if built)");
  cmd->add_option("--threads", a->threads,
                  "connection threads, and as many answering from memory (default 2); four more read the database (GET), each on a reader connection of its own, and two write to it");
  danso::cli::add_anchor_options(cmd, a->anchors);
  cmd->add_option("--audit-anchor-every", a->anchor_every,
                  "seconds: the log's head is anchored at most this often while writes come (default 60)")
      ->check(CLI::Range(1, 86400));
  cmd->callback([&ctx, a] { ctx.exit_code = run_serve(*a); });
});

}  // namespace
