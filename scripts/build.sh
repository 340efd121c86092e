#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release) with Ninja.
#   scripts/build.sh [release|asan|debug]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
jobs="${DANSO_JOBS:-$(nproc)}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$jobs"
