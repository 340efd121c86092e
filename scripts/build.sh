#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release) with Ninja, then
# the browser UI into web/dist (not for the fuzz targets, which need none).
#   scripts/build.sh [release|asan|debug|fuzz]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
jobs="${DANSO_JOBS:-$(nproc)}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$jobs"

# The browser UI (web/dist, served by `danso serve`), after the C++ build.
# DANSO_SKIP_WEB=1 skips it (a machine without Node.js builds the server only).
if [ "${DANSO_SKIP_WEB:-0}" != "1" ] && [ "$preset" != "fuzz" ]; then
  if [ ! -d web/node_modules ]; then
    echo "web/node_modules thiếu: chạy scripts/setup.sh / missing: run scripts/setup.sh" >&2
    exit 1
  fi
  npm --prefix web run build --silent
fi
