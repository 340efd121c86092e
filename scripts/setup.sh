#!/usr/bin/env bash
# Installs every Debian 12 package DanSo needs to build, test and run.
# Safe to run again: packages already present are skipped by apt.
set -euo pipefail

PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config git ca-certificates
  libsqlite3-dev sqlite3 libicu-dev libcsv-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libsodium-dev libssl-dev libboost-dev libxlsxwriter-dev zlib1g-dev libdeflate-dev
  libjemalloc-dev  # the allocator of the danso program (CMakeLists.txt)
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev
  chromium wrk
  poppler-utils  # pdftotext, pdfinfo: the e2e test reads the printed forms' PDF
  libpq-dev postgresql  # the PostgreSQL store (src/store/postgres/) and its tests' throwaway cluster (scripts/pg_cluster.sh)
  jq  # joins the one-feature boundary files of ../shared/data/geo into one collection (docs/cli.md#import)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm build the browser UI and run its end-to-end tests; a
# machine that already has both (from any source) keeps what it has.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "DanSo setup: cài đặt / installing: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "DanSo setup: mọi gói đã có / all packages present"
fi

# The end-to-end tests' browser driver (playwright-core, pinned in
# tests/e2e/package-lock.json; it drives Debian's chromium installed above).
npm ci --prefix "$(dirname "$0")/../tests/e2e" --no-audit --no-fund --loglevel=error

# The browser UI's build tools (Vite, TypeScript, Preact, ECharts, pinned in
# web/package.json and web/package-lock.json), installed again only when the
# lock file is newer. `npm install --no-save` installs the locked versions
# without rewriting the lock; `npm ci` is not used here because it refuses a
# lock file that lacks Rollup's binaries for other platforms, which some
# registries leave out.
web="$(dirname "$0")/../web"
if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules" ]; then
  (cd "$web" && npm install --no-save --no-audit --no-fund --loglevel=error)
  touch "$web/node_modules"
fi
