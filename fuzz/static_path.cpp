// The static file resolver (http/static_files.h resolve_static_path) over a
// web root holding a page, an asset, a symlink out of the root and one to a
// secret beside it: whatever the request target, a file served is a regular
// file inside the root's canonical path, never the secret.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "http/static_files.h"

namespace fs = std::filesystem;

namespace {

struct Root {
  fs::path dir, root, secret;
  Root() {
    char tmpl[] = "/tmp/danso-fuzz-XXXXXX";
    if (!mkdtemp(tmpl)) std::abort();
    dir = fs::canonical(tmpl);
    root = dir / "dist";
    secret = dir / "secret.db";
    fs::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<!doctype html>";
    std::ofstream(root / "assets" / "index-AbC123.js") << "export {}";
    std::ofstream(root / "robots.txt") << "User-agent: *";
    std::ofstream(secret) << "SQLite format 3";
    fs::create_symlink(secret, root / "link.db");
    fs::create_directory_symlink("/etc", root / "etc");
    fs::create_directory_symlink(dir, root / "up");
    std::atexit([] { fs::remove_all(get().dir); });
  }
  static Root& get() {
    static Root* self = new Root();
    return *self;
  }
};

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace danso::http;
  const Root& r = Root::get();
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  const StaticTarget t = resolve_static_path(r.root.string(), target);
  if (t.kind != StaticTarget::Kind::kFile) return 0;
  std::error_code ec;
  if (!inside(r.root, t.file) || t.file == r.secret || !fs::is_regular_file(t.file, ec) ||
      fs::canonical(t.file, ec) != t.file) {
    std::fprintf(stderr, "'%.*s' resolved to %s\n", int(size), target.data(), t.file.c_str());
    std::abort();
  }
  return 0;
}
