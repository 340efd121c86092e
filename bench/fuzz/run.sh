#!/usr/bin/env bash
# Runs every fuzz target (fuzz/) for a long while, one after the other, one
# process each in the foreground (the machine is shared), on a working corpus seeded
# from the committed one; prints per target the executions, coverage and
# crashes found. Crashes and their logs stay in bench/out/fuzz/.
#   bench/fuzz/run.sh [SECONDS_EACH] [TARGET...]     # default 1800 s, every target
#   e.g. bench/fuzz/run.sh 300 csv_persons api_events
# Builds the fuzz preset first when it is missing (scripts/build.sh fuzz).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-1800}"
shift || true
build="${DANSO_FUZZ_BUILD:-build/fuzz}"
out="bench/out/fuzz"
if [ ! -d "$build/fuzz" ]; then DANSO_SKIP_WEB=1 scripts/build.sh fuzz; fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$build"/fuzz/fuzz_*; do targets+=("$(basename "$f" | sed 's/^fuzz_//')"); done
fi
mkdir -p "$out/artifacts" "$out/logs"
printf '%-20s %8s %12s %9s %7s %8s\n' target seconds execs exec/s cov crashes
total_crashes=0
for t in "${targets[@]}"; do
  corpus="$out/corpus/$t"
  mkdir -p "$corpus"
  log="$out/logs/$t.log"
  set +e
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" "$corpus" "fuzz/corpus/$t" >"$log" 2>&1
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  crashes=$(find "$out/artifacts" -name "$t-*" -newer "$corpus" 2>/dev/null | wc -l)
  total_crashes=$((total_crashes + crashes))
  printf '%-20s %8s %12s %9s %7s %8s\n' "$t" "$seconds" "${execs:-0}" "${rate:-0}" "${cov:-0}" "$crashes"
  touch "$corpus"
done
echo "crashes: $total_crashes (inputs in $out/artifacts/, logs in $out/logs/)"
[ "$total_crashes" -eq 0 ]
