#!/usr/bin/env bash
# Time of `danso demo` (generate and write a province), median of RUNS runs.
#   bench/demo/run.sh [PERSONS]     (default 1000000; needs a release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
persons="${1:-1000000}"
runs="${RUNS:-3}"
danso=build/release/src/danso
mkdir -p bench/out
times=()
for r in $(seq 1 "$runs"); do
  t0=$(date +%s.%N)
  "$danso" demo --db bench/out/demo-bench.db --persons "$persons" --seed "$r" --replace --quiet >/dev/null
  t1=$(date +%s.%N)
  times+=("$(awk "BEGIN{print $t1 - $t0}")")
done
printf '%s\n' "${times[@]}" | sort -g | awk -v p="$persons" '{a[NR]=$1} END {m=(NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); printf "demo %d persons: median %.2f s over %d runs (min %.2f, max %.2f)\n", p, m, NR, a[1], a[NR]}'
ls -la bench/out/demo-bench.db | awk '{printf "database size: %.0f MB\n", $5/1048576}'
