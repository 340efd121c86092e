#!/usr/bin/env bash
# Indicator benchmark on the demo province (default 1,000,000 persons):
#  - DanSo: first computation after opening the database, and a full recompute
#    of every indicator for every unit from the loaded register (medians);
#  - the same reference counts (counts.sql) with SQL on the SQLite database,
#    and with DuckDB (@duckdb/node-api) on the same data.
#   bench/indicators/run.sh [PERSONS] [PERIOD]      (needs a release build; DANSO_BUILD=DIR for another)
set -euo pipefail
cd "$(dirname "$0")/../.."
persons="${1:-1000000}"
period="${2:-2024}"
runs="${RUNS:-5}"
build="${DANSO_BUILD:-build/release}"
danso=$build/src/danso
bench=$build/bench/indicators_bench
out=bench/out/indicators-$persons
mkdir -p "$out"
[ -s "$out/demo.db" ] || "$danso" demo --db "$out/demo.db" --persons "$persons" --seed 1 --quiet
mid="${period}-07-02"; from="${period}-01-01"; to="${period}-12-31"

echo "== DanSo ($persons persons, period $period)"
"$bench" "$out/demo.db" "$period" "$runs"

echo "== SQLite SQL (same database)"
sed -e "s/@MID@/$mid/g" -e "s/@FROM@/$from/g" -e "s/@TO@/$to/g" bench/indicators/counts.sql > "$out/counts.sql"
times=()
for r in $(seq 1 "$runs"); do
  t0=$(date +%s.%N)
  sqlite3 "$out/demo.db" < "$out/counts.sql" > /dev/null
  t1=$(date +%s.%N)
  times+=("$(awk "BEGIN{print ($t1 - $t0) * 1000}")")
done
printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "sqlite_counts_ms_median %.1f\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'

echo "== DuckDB (same data, loaded from CSV)"
[ -d bench/indicators/node_modules/@duckdb/node-api ] || (cd bench/indicators && npm install --no-audit --no-fund --silent)
if [ ! -s "$out/residence.csv" ]; then
  "$danso" export --db "$out/demo.db" --kind persons --output "$out/persons.csv"
  sqlite3 -header -csv "$out/demo.db" 'SELECT person_id, start, "end", village_id FROM residence' > "$out/residence.csv"
  sqlite3 -header -csv "$out/demo.db" 'SELECT id, type, date, village_id, person_id, related_id, birth_order FROM events' > "$out/events_raw.csv"
fi
node bench/indicators/duckdb_counts.mjs "$PWD/$out" "$mid" "$from" "$to" "$runs"
