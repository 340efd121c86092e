// The built browser UI (web/dist) served beside the API: content types,
// caching (hashed files under /assets/ kept a year, everything else
// revalidated), and index.html for any other path so the UI's own routes
// survive a reload.
//
// Only files inside the web root are ever served. The request path is
// percent-decoded once and must then be a plain relative path: no empty,
// "." or ".." segment (so no "//etc/passwd"), no backslash, NUL or other
// control character, at most kMaxStaticPath bytes; the file found is then
// resolved through its symlinks and must still lie inside the root's own
// canonical path. Anything else is 404, whatever exists on the disk.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/response.h"

namespace danso::http {

inline constexpr size_t kMaxStaticPath = 1024;

std::string mime_type(const std::string& path);

// What a request path names under the web root.
struct StaticTarget {
  enum class Kind { kRefused, kFile, kIndex } kind = Kind::kRefused;
  std::filesystem::path file;  // kFile: the canonical path of a regular file inside the root
  bool asset = false;          // under /assets/
};

// Resolves `target` (the request target, query and fragment included) under
// `root`. kIndex: a clean path that names no file (the UI's own routes);
// kRefused: a hostile or malformed path, a missing /assets/ file, or a file
// that resolves outside the root.
StaticTarget resolve_static_path(const std::string& root, std::string_view target);

// GET or HEAD of a path outside /api/: the file under `root`, index.html for
// a path that names no file, 404 for a missing /assets/ file (a stale page
// asking for an old bundle must not get HTML back as a script) and for any
// path resolve_static_path refuses.
Response static_file(const Request& req, const std::string& root);

}  // namespace danso::http
