#!/usr/bin/env bash
# The server's register search, one request's work (page_bench.cpp): on a
# copy of the load benchmark's database (the 1,000,000-person demo), each
# commune's six searches, quiet, after a commit and after a marriage (the
# persons kept dropped), and the parts of one.
#   bench/search/page.sh [RUNS]      (needs a release build; DANSO_BUILD=DIR for another,
#                                     BENCH_DB=FILE for another database)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"
build="${DANSO_BUILD:-build/release}"
source_db="${BENCH_DB:-bench/out/indicators-1000000/demo.db}"
out=bench/out/search-page
[ -s "$source_db" ] || { echo "missing $source_db: run bench/indicators/run.sh 1000000 first" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out/demo.db" "$out/demo.db-wal" "$out/demo.db-shm"
cp "$source_db" "$out/demo.db"
"$build/bench/page_bench" "$out/demo.db" "$runs"
