#!/usr/bin/env bash
# Free analysis benchmark on the demo province (default 1,000,000 persons):
# after the snapshot is loaded, 20 indicators × every commune × 12 months,
# with a fresh reporter (every month counted) and again with the counts kept.
#   bench/analysis/run.sh [PERSONS] [YEAR]      (needs a release build; DANSO_BUILD=DIR for another)
set -euo pipefail
cd "$(dirname "$0")/../.."
persons="${1:-1000000}"
year="${2:-2024}"
runs="${RUNS:-11}"
build="${DANSO_BUILD:-build/release}"
out=bench/out/indicators-$persons   # the same demo database as bench/indicators
mkdir -p "$out"
[ -s "$out/demo.db" ] || "$build/src/danso" demo --db "$out/demo.db" --persons "$persons" --seed 1 --quiet
"$build/bench/analysis_bench" "$out/demo.db" "$year" "$runs"
