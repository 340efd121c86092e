#!/usr/bin/env bash
# Import benchmark on PostgreSQL: DanSo's validated, transactional import of
# the demo CSVs into a PostgreSQL database (`danso import --db
# postgresql://…`, rows written by COPY) against the raw baseline of psql's
# `\copy` of the same files into tables of text columns without
# constraints or indexes, side by side on one throwaway cluster
# (scripts/pg_cluster.sh: fsync off, Unix socket). Rows per second per kind,
# medians of RUNS runs (default 3).
#   bench/import/pg_run.sh [PERSONS]     (default 200000; needs a release build)
#   DANSO_BIN=/path/to/danso             # the binary measured (default build/release/src/danso)
# The CSVs are those of bench/import/run.sh (bench/out/import-PERSONS/).
set -euo pipefail
cd "$(dirname "$0")/../.."
persons="${1:-200000}"
runs="${RUNS:-3}"
danso="${DANSO_BIN:-build/release/src/danso}"
out=bench/out/import-$persons
mkdir -p "$out"
[ -x "$danso" ] || { echo "missing $danso: run scripts/build.sh release" >&2; exit 2; }

if [ -z "${DANSO_TEST_PG:-}" ]; then
  # Run again inside a throwaway cluster of its own.
  exec scripts/pg_cluster.sh "$0" "$@"
fi

if [ ! -s "$out/src.db" ]; then
  "$danso" demo --db "$out/src.db" --persons "$persons" --seed 1 --quiet
fi
kinds="units staff households persons events"
for k in $kinds; do
  [ -s "$out/$k.csv" ] || "$danso" export --db "$out/src.db" --kind "$k" --output "$out/$k.csv"
done

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
host="$DANSO_PG_CLUSTER"
psql_on() { "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 "postgresql:///$1?host=$host&user=danso" "${@:2}"; }
source bench/import/common.sh

declare -A danso_t raw_t
for r in $(seq 1 "$runs"); do
  psql_on postgres -c "DROP DATABASE IF EXISTS danso_bench" -c "DROP DATABASE IF EXISTS raw_bench" \
    -c "CREATE DATABASE danso_bench" -c "CREATE DATABASE raw_bench" >/dev/null
  url="postgresql:///danso_bench?host=$host&user=danso"
  "$danso" init --db "$url" >/dev/null
  for k in $kinds; do
    t0=$(now)
    "$danso" import --db "$url" --kind "$k" --quiet "$out/$k.csv" >/dev/null
    t1=$(now)
    danso_t[$k]+="$(awk "BEGIN{print $t1 - $t0}") "
  done
  for k in $kinds; do
    # A table of text columns named as the file's header, nothing else.
    columns=$(head -1 "$out/$k.csv" | tr -d '\r' | awk -F, '{for (i = 1; i <= NF; i++) printf "%s\"%s\" text", (i > 1 ? ", " : ""), $i}')
    psql_on raw_bench -c "CREATE TABLE raw_$k ($columns)" >/dev/null
    t0=$(now)
    psql_on raw_bench -c "\\copy raw_$k FROM '$out/$k.csv' WITH (FORMAT csv, HEADER true)" >/dev/null
    t1=$(now)
    raw_t[$k]+="$(awk "BEGIN{print $t1 - $t0}") "
  done
done

rows_per_second_table danso_t raw_t "\\copy" "$out" $kinds
echo "ratio = DanSo rows/s divided by psql \\copy rows/s into unconstrained text tables (target >= 0.5); medians of $runs runs"
