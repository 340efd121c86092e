#!/usr/bin/env bash
# Live figures benchmark (a benchmark, not a test): on a copy of the demo
# database (default 1,000,000 persons), SLIPS slips applied one at a time to
# the indicator snapshot in place, each followed by the province's totals
# for YEAR; beside it, a full reload of the snapshot.
#   bench/live/run.sh [PERSONS] [YEAR] [SLIPS]     (needs a release build; DANSO_BUILD=DIR for another)
set -euo pipefail
cd "$(dirname "$0")/../.."
persons="${1:-1000000}"
year="${2:-2024}"
slips="${3:-50}"
build="${DANSO_BUILD:-build/release}"
source_db=bench/out/indicators-$persons/demo.db   # the same demo database as bench/indicators
out=bench/out/live
mkdir -p "$out" "$(dirname "$source_db")"
[ -s "$source_db" ] || "$build/src/danso" demo --db "$source_db" --persons "$persons" --seed 1 --quiet
rm -f "$out/demo.db" "$out/demo.db-wal" "$out/demo.db-shm"
cp "$source_db" "$out/demo.db"
"$build/bench/live_bench" "$out/demo.db" "$year" "$slips"
