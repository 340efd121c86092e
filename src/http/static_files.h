// The built browser UI (web/dist) served beside the API: content types,
// caching (hashed files under /assets/ kept a year, everything else
// revalidated), and index.html for any other path so the UI's own routes
// survive a reload.
#pragma once

#include <string>

#include "http/response.h"

namespace danso::http {

std::string mime_type(const std::string& path);

// GET or HEAD of a path outside /api/: the file under `root`, index.html for
// a path that names no file, 404 for a missing /assets/ file (a stale page
// asking for an old bundle must not get HTML back as a script).
Response static_file(const Request& req, const std::string& root);

}  // namespace danso::http
