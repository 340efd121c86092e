#!/usr/bin/env bash
# National-scale benchmark (issue 16 §4): the register of PERSONS persons
# (default 100,000,000) over the real unit tree in force from 1 July 2025,
# made by the demo generator straight into the indicators' snapshot (no
# database); prints the generation time, the snapshot's bytes per person by
# array, the resident memory and the full recompute of every indicator for
# every unit (median of RUNS), then /usr/bin/time's peak resident size.
#   bench/national/run.sh [PERSONS] [RUNS]   (needs a release build; DANSO_BUILD=DIR for another)
# PART_PERSONS (default 500000): the persons of a part made at once (two
# parts are made at a time, on two threads). The output is kept in
# bench/out/national-PERSONS.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
persons="${1:-100000000}"
runs="${2:-${RUNS:-5}}"
part="${PART_PERSONS:-500000}"
build="${DANSO_BUILD:-build/release}"
units="${UNITS:-../shared/data/units/vn-units-from-2025-07-01.json}"
out=bench/out/national-$persons.txt
mkdir -p bench/out
{
  echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "== national_bench $persons $runs $units 2024 $part"
  /usr/bin/time -f 'time_v_max_rss_kb %M elapsed %e s' "$build/bench/national_bench" "$persons" "$runs" "$units" 2024 "$part" 2>&1
  echo "== done $(date -u '+%H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
