#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace danso::http {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

Response not_found(const Request& req) {
  return error_response(req, bhttp::status::not_found, "not_found", "không tìm thấy", "not found");
}

}  // namespace

std::string mime_type(const std::string& path) {
  const auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

Response static_file(const Request& req, const std::string& root) {
  std::string target(req.target().data(), req.target().size());
  target = target.substr(0, target.find_first_of("?#"));
  if (root.empty() || target.empty() || target[0] != '/' || target.find("..") != std::string::npos ||
      target.find('\\') != std::string::npos)
    return not_found(req);
  const bool asset = starts_with(target, "/assets/");
  std::filesystem::path p = std::filesystem::path(root) / target.substr(1);
  std::error_code ec;
  if (target == "/" || !std::filesystem::is_regular_file(p, ec)) {
    if (asset) return not_found(req);
    p = std::filesystem::path(root) / "index.html";
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) return not_found(req);
  std::ostringstream ss;
  ss << in.rdbuf();
  Response res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, mime_type(p.string()));
  add_security_headers(res, false);
  // Vite names the files under assets/ by their content's hash: a new build
  // makes new names, so they never change and may be cached for good.
  res.set(bhttp::field::cache_control, asset ? "public, max-age=31536000, immutable" : "no-cache");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(ss).str();
  res.prepare_payload();
  if (req.method() == bhttp::verb::head) res.body().clear();
  return res;
}

}  // namespace danso::http
