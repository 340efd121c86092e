#!/usr/bin/env bash
# The register's search by name over a province, a district, a commune and
# two villages, beside the queries it replaced, on demo provinces:
#   bench/search/run.sh [PERSONS...]     (default 1000000; needs a release build)
#   SCAN=1 also times the search of schema 13 (every name folded; slow at 10,000,000)
# Each size's database is made once (danso demo --seed 1) and kept in
# bench/out/search-PERSONS.db; RUNS (default 3) passes over the queries.
set -euo pipefail
cd "$(dirname "$0")/../.."
danso=build/release/src/danso
bench=build/release/bench/search_bench
runs="${RUNS:-3}"
mkdir -p bench/out
[ $# -gt 0 ] || set -- 1000000
for persons in "$@"; do
  db="bench/out/search-$persons.db"
  if [ ! -s "$db" ]; then
    t0=$(date +%s.%N)
    "$danso" demo --db "$db" --persons "$persons" --seed 1 --replace --quiet >/dev/null
    echo "demo $persons persons: $(awk "BEGIN{printf \"%.0f\", $(date +%s.%N) - $t0}") s"
  fi
  ls -la "$db" | awk '{printf "database size: %.0f MB\n", $5/1048576}'
  "$bench" "$db" "$runs" ${SCAN:+--scan}
done
