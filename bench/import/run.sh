#!/usr/bin/env bash
# Import benchmark: DanSo's validated, transactional import of the demo CSVs
# against the raw baseline of the sqlite3 tool's `.import` of the same files
# into tables without checks. Reports rows per second per kind, medians of
# RUNS runs (default 3).
#   bench/import/run.sh [PERSONS]        (default 1000000; needs a release build)
#   DANSO_BASELINE=/path/to/older/danso bench/import/run.sh   # also imports with that
#       binary, run by run beside this one, and prints its time and the change
#   DANSO_BIN=/path/to/danso             # the binary measured (default build/release/src/danso)
set -euo pipefail
cd "$(dirname "$0")/../.."
persons="${1:-1000000}"
runs="${RUNS:-3}"
danso="${DANSO_BIN:-build/release/src/danso}"
baseline="${DANSO_BASELINE:-}"
out=bench/out/import-$persons
mkdir -p "$out"

if [ ! -s "$out/src.db" ]; then
  "$danso" demo --db "$out/src.db" --persons "$persons" --seed 1 --quiet
fi
kinds="units staff households persons events"
for k in $kinds; do
  [ -s "$out/$k.csv" ] || "$danso" export --db "$out/src.db" --kind "$k" --output "$out/$k.csv"
done

source bench/import/common.sh

declare -A danso_t sqlite_t base_t
for r in $(seq 1 "$runs"); do
  if [ -n "$baseline" ]; then
    rm -f "$out"/base.db*
    "$baseline" init --db "$out/base.db" >/dev/null
    for k in $kinds; do
      t0=$(now)
      "$baseline" import --db "$out/base.db" --kind "$k" --quiet "$out/$k.csv" >/dev/null
      t1=$(now)
      base_t[$k]+="$(awk "BEGIN{print $t1 - $t0}") "
    done
  fi
  rm -f "$out"/danso.db* "$out"/raw.db*
  "$danso" init --db "$out/danso.db" >/dev/null
  for k in $kinds; do
    t0=$(now)
    "$danso" import --db "$out/danso.db" --kind "$k" --quiet "$out/$k.csv" >/dev/null
    t1=$(now)
    danso_t[$k]+="$(awk "BEGIN{print $t1 - $t0}") "
  done
  for k in $kinds; do
    t0=$(now)
    sqlite3 "$out/raw.db" ".import --csv $out/$k.csv $k"
    t1=$(now)
    sqlite_t[$k]+="$(awk "BEGIN{print $t1 - $t0}") "
  done
done

rows_per_second_table danso_t sqlite_t sqlite3 "$out" $kinds
echo "ratio = DanSo rows/s divided by the sqlite3 .import rows/s (target >= 0.5); medians of $runs runs"
if [ -n "$baseline" ]; then
  printf "\n%-11s %12s %12s %8s\n" kind "baseline s" "danso s" change
  for k in $kinds; do
    b=$(echo ${base_t[$k]} | tr ' ' '\n' | median)
    d=$(echo ${danso_t[$k]} | tr ' ' '\n' | median)
    printf "%-11s %12.3f %12.3f %+7.0f%%\n" "$k" "$b" "$d" "$(awk "BEGIN{print ($d / $b - 1) * 100}")"
  done
  echo "baseline = $baseline, imported run by run before this binary; medians of $runs runs"
fi
