#include "http/static_files.h"

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <vector>

#include "http/compression.h"

namespace danso::http {

namespace fs = std::filesystem;

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The path's segments, percent-decoded once; nullopt for a malformed escape,
// an encoded or literal separator or control byte, or an empty, "." or ".."
// segment. An encoded "/" is refused rather than decoded into a separator.
std::optional<std::vector<std::string>> clean_segments(std::string_view path) {
  if (path.empty() || path.front() != '/' || path.size() > kMaxStaticPath) return std::nullopt;
  std::vector<std::string> out;
  if (path == "/") return out;
  size_t i = 1;
  while (true) {
    const size_t j = std::min(path.find('/', i), path.size());
    std::string seg;
    for (size_t k = i; k < j; ++k) {
      char c = path[k];
      if (c == '%') {
        if (k + 2 >= j) return std::nullopt;
        const int hi = hex_digit(path[k + 1]), lo = hex_digit(path[k + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        c = char(hi * 16 + lo);
        k += 2;
        if (c == '/' || c == '%') return std::nullopt;  // an encoded separator, or encoded twice
      }
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\' || c == ':') return std::nullopt;
      seg += c;
    }
    if (seg.empty() || seg == "." || seg == "..") {
      // A trailing slash ("/reports/") is the only empty segment allowed.
      if (!(seg.empty() && j == path.size() && j > 1)) return std::nullopt;
    } else {
      out.push_back(std::move(seg));
    }
    if (j == path.size()) break;
    i = j + 1;
  }
  return out;
}

// Whether `p` (canonical) is `root` (canonical) or below it, compared by whole components.
bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

std::optional<std::string> read_whole_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

// Text compresses (scripts, styles, pages, JSON, SVG); images and fonts are
// compressed already.
bool compressible(const std::string& type) {
  return type.starts_with("text/") || type.starts_with("application/json") ||
         type.starts_with("application/manifest+json") || type.starts_with("image/svg+xml");
}

// A file's version: its size and modification time, as the validator
// (ETag) and as the key of its compressed copy.
struct FileStamp {
  uintmax_t size = 0;
  int64_t mtime = 0;  // nanoseconds of the file clock
  bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> stamp_of(const fs::path& p) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(p, ec);
  if (ec) return std::nullopt;
  const auto t = fs::last_write_time(p, ec);
  if (ec) return std::nullopt;
  return FileStamp{size, int64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count())};
}

// The gzip copy of `p`: its precompressed sibling `p.gz` when the build
// wrote one (web/vite.config.ts) at least as new as the file, else
// compressed here once and kept in memory for as long as the file is the
// same (at most kKeptGzipBytes in all; the UI's bundle is far smaller).
constexpr size_t kKeptGzipBytes = 64u << 20;

std::optional<std::string> gzip_copy(const fs::path& p, const FileStamp& stamp, const std::string& text) {
  fs::path gz = p;
  gz += ".gz";
  std::error_code ec;
  if (fs::is_regular_file(gz, ec) && !fs::is_symlink(fs::symlink_status(gz, ec)))
    if (const auto gs = stamp_of(gz); gs && gs->mtime >= stamp.mtime)
      if (auto text_gz = read_whole_file(gz)) return text_gz;
  static std::mutex mutex;
  static std::map<std::string, std::pair<FileStamp, std::string>> kept;
  static size_t kept_bytes = 0;
  const std::string key = p.string();
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = kept.find(key); it != kept.end() && it->second.first == stamp) return it->second.second;
  }
  std::string zipped = gzip(text);
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = kept[key];
  kept_bytes -= slot.second.size();
  if (kept_bytes + zipped.size() <= kKeptGzipBytes) {
    slot = {stamp, zipped};
    kept_bytes += zipped.size();
  } else {
    kept.erase(key);
  }
  return zipped;
}

}  // namespace

std::string mime_type(const std::string& path) {
  const auto ext = fs::path(path).extension().string();
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

StaticTarget resolve_static_path(const std::string& root, std::string_view target) {
  StaticTarget out;
  if (root.empty()) return out;
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  const auto segs = clean_segments(path);
  if (!segs) return out;
  out.asset = !segs->empty() && (*segs)[0] == "assets";
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return out;
  fs::path p = base;
  for (const std::string& s : *segs) p /= s;
  if (!segs->empty()) {
    const fs::path real = fs::canonical(p, ec);  // follows symlinks; fails when missing
    if (!ec) {
      // Something is there: served only when it is a file inside the root.
      if (!inside(base, real) || !fs::is_regular_file(real, ec)) return out;
      out.kind = StaticTarget::Kind::kFile;
      out.file = real;
      return out;
    }
    // A link inside the root to somewhere else that does not exist is
    // refused too, not taken for one of the UI's routes.
    if (fs::is_symlink(fs::symlink_status(p, ec))) return out;
  }
  if (out.asset) return out;  // a missing asset is 404, never HTML
  out.kind = StaticTarget::Kind::kIndex;
  return out;
}

Response static_file(const Request& req, const std::string& root) {
  const StaticTarget t = resolve_static_path(root, std::string_view(req.target().data(), req.target().size()));
  if (t.kind == StaticTarget::Kind::kRefused) return not_found(req);
  fs::path p = t.file;
  if (t.kind == StaticTarget::Kind::kIndex) {
    std::error_code ec;
    p = fs::canonical(root, ec) / "index.html";
    if (ec) return not_found(req);
  }
  const auto stamp = stamp_of(p);
  auto text = read_whole_file(p);
  if (!stamp || !text) return not_found(req);
  const std::string type = mime_type(p.string());
  // A weak validator: the same file answers 304 to a page that has it.
  const std::string etag = "W/\"" + std::to_string(stamp->size) + "-" + std::to_string(stamp->mtime) + "\"";
  Response res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, type);
  add_security_headers(res, false);
  // Vite names the files under assets/ by their content's hash: a new build
  // makes new names, so they never change and may be cached for good.
  res.set(bhttp::field::cache_control, t.asset ? "public, max-age=31536000, immutable" : "no-cache");
  res.set(bhttp::field::etag, etag);
  res.keep_alive(req.keep_alive());
  const bool zips = compressible(type);
  if (zips) res.set(bhttp::field::vary, "Accept-Encoding");
  if (const auto match = req.find(bhttp::field::if_none_match);
      match != req.end() && std::string_view(match->value().data(), match->value().size()) == etag) {
    res.result(bhttp::status::not_modified);
    res.content_length(0);
    return res;
  }
  if (zips && text->size() >= kGzipFrom && accepts_gzip(req)) {
    if (auto zipped = gzip_copy(p, *stamp, *text)) {
      res.set(bhttp::field::content_encoding, "gzip");
      text = std::move(zipped);
    }
  }
  res.body() = std::move(*text);
  res.prepare_payload();
  if (req.method() == bhttp::verb::head) res.body().clear();
  return res;
}

}  // namespace danso::http
