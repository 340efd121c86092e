#!/usr/bin/env bash
# Load benchmark of `danso serve` on loopback (a benchmark, not a test): on a
# copy of the 1,000,000-person demo, 1,000 keep-alive clients for 60 seconds,
# four wrk processes at once, each one request type:
#   400 dashboard of a commune   GET /api/v1/indicators?unit=COMMUNE&period=2025 (every commune in turn)
#   400 dashboard of the province GET /api/v1/indicators?unit=99&period=2025[&children=1]
#   150 register search          GET /api/v1/persons?unit=COMMUNE&q=NAME&per_page=20
#    50 slip entry               POST /api/v1/events (health-insurance-card slips, session cookie and CSRF token)
# (each client sends its next request as soon as the last is answered; the
# register's 200 are enough to keep its one database connection busy all
# the time, so more of them only lengthen their own queue)
# while 200 more connections sit idle or trickle a request one byte a second
# (slow_clients.mjs). Prints requests/s, p50/p90/p99 per type, the errors and
# the server's memory (RSS) before and after; writes bench/out/http/summary.json.
#   bench/http/run.sh [SECONDS]      # DANSO_BUILD=build/perf, DANSO_THREADS=4, BENCH_DB=... to change
#   BENCH_SKIP="search slips" bench/http/run.sh   # leave request types out (the dashboards alone; "slow": no slow clients)
#   BENCH_GZIP=0 bench/http/run.sh                # GETs without Accept-Encoding (by default they take gzip, as browsers do)
#   BENCH_SLIP_TYPE=premarital_counselling bench/http/run.sh   # slips the indicators read: each one refreshes the
#                                                 # snapshot (by default health-insurance cards, which no indicator reads)
# The slips are sent on a session of their own (a second sign-in), as a
# collaborator's would be: the dashboards' session never waits for their
# refreshes.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
danso="${DANSO_BUILD:-build/release}/src/danso"
source_db="${BENCH_DB:-bench/out/indicators-1000000/demo.db}"
out=bench/out/http
threads="${DANSO_THREADS:-2}"
period=2025
mkdir -p "$out"
[ -s "$source_db" ] || { echo "missing $source_db: run bench/indicators/run.sh 1000000 first" >&2; exit 2; }

echo "== copying $source_db"
rm -f "$out/demo.db" "$out/demo.db-wal" "$out/demo.db-shm" "$out/logins.txt"
cp "$source_db" "$out/demo.db"
"$danso" user demo --db "$out/demo.db" --logins "$out/logins.txt" >/dev/null
read -r admin password _ <"$out/logins.txt"

sql() { sqlite3 -batch -noheader -separator ' ' "$out/demo.db" "$1"; }
province="$(sql "SELECT code FROM units WHERE kind = 'province' LIMIT 1;")"
mapfile -t communes < <(sql "SELECT code FROM units WHERE kind = 'commune' AND valid_to IS NULL ORDER BY code;")

"$danso" serve --db "$out/demo.db" --listen 127.0.0.1:0 --threads "$threads" >"$out/server.out" 2>"${BENCH_ACCESS_LOG:-$out/access.log}" &
server=$!
trap 'kill -INT $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  port="$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out/server.out")"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start" >&2; cat "$out/server.out" "$out/access.log" >&2; exit 1; }
base="http://127.0.0.1:$port"
echo "== server pid $server on $base, $threads threads"

body="$(printf '{"username":"%s","password":"%s"}' "$admin" "$password")"
session="$(curl -sS -D "$out/login.headers" -H 'Content-Type: application/json' -d "$body" "$base/api/v1/session")"
export DANSO_COOKIE="$(sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' "$out/login.headers")"
export DANSO_CSRF="$(printf '%s' "$session" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')"
[ -n "$DANSO_COOKIE" ] && [ -n "$DANSO_CSRF" ] || { echo "sign-in failed: $session" >&2; exit 1; }
slip_session="$(curl -sS -D "$out/login-slips.headers" -H 'Content-Type: application/json' -d "$body" "$base/api/v1/session")"
export DANSO_SLIP_COOKIE="$(sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' "$out/login-slips.headers")"
export DANSO_SLIP_CSRF="$(printf '%s' "$slip_session" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')"
[ -n "$DANSO_SLIP_COOKIE" ] && [ -n "$DANSO_SLIP_CSRF" ] || { echo "sign-in for the slips failed: $slip_session" >&2; exit 1; }
slip_type="${BENCH_SLIP_TYPE:-health_insurance_card}"
api() { curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $DANSO_COOKIE" -H "X-CSRF-Token: $DANSO_CSRF" "$@"; }

# Request lists: every commune's dashboard, the province's, search by common
# name parts, and slips for persons who live in a village today (an open
# residence spell).
for c in "${communes[@]}"; do echo "/api/v1/indicators?unit=$c&period=$period"; done >"$out/commune.paths"
printf '%s\n' "/api/v1/indicators?unit=$province&period=$period" \
  "/api/v1/indicators?unit=$province&period=$period&children=1" >"$out/province.paths"
for c in "${communes[@]}"; do
  for q in nguyen "tran%20van" "le%20thi" hoa minh "pham%20thi%20lan"; do
    echo "/api/v1/persons?unit=$c&q=$q&per_page=20"
  done
done | shuf --random-source=<(yes) >"$out/search.paths"
# Each slip on a day of its own for its person (a second slip of the same
# type, person and day is refused as a duplicate): the 300 persons on each
# of the last 365 days, 109,500 slips, the days in turn (more than a run of
# 60 s sends: a slip sent again would be refused as a duplicate).
mapfile -t residents < <(sql "SELECT r.person_id, u.code FROM residence r JOIN units u ON u.id = r.village_id
     WHERE r.end IS NULL AND r.person_id % 1999 = 0 ORDER BY r.person_id LIMIT 300;")
for back in $(seq 1 365); do
  day="$(date -u -d "$back days ago" +%F)"
  for pv in "${residents[@]}"; do
    read -r person village <<<"$pv"
    printf '{"type":"%s","date":"%s","village_code":"%s","person_id":%s}\n' "$slip_type" "$day" "$village" "$person"
  done
done >"$out/slips.json"
echo "== $(wc -l <"$out/commune.paths") communes, $(wc -l <"$out/slips.json") slips"

echo "== warm-up (snapshot load, each request type once)"
for p in "$(head -1 "$out/province.paths")" "$(head -1 "$out/commune.paths")" "$(head -1 "$out/search.paths")"; do
  /usr/bin/time -f "   %e s  $p" curl -sS -o /dev/null -H "Cookie: $DANSO_COOKIE" "$base$p"
done
rss() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$server/status"; }
rss_before="$(rss VmRSS)"
health_before="$(curl -sS --max-time 60 "$base/api/v1/health" || echo null)"
echo "== RSS before: $((rss_before / 1024)) MiB"

echo "== load: 1,000 clients for $seconds s, 200 idle or trickling"
if [[ " ${BENCH_SKIP:-} " == *" slow "* ]]; then
  echo '{"skipped":true}' >"$out/slow.json"; sleep 1 & slow=$!
else
  node bench/http/slow_clients.mjs 127.0.0.1 "$port" 200 "$((seconds + 5))" >"$out/slow.json" &
  slow=$!
fi
sleep 2
run_wrk() {  # run_wrk NAME CONNECTIONS KIND FILE; a type named in BENCH_SKIP is not run
  if [[ " ${BENCH_SKIP:-} " == *" $1 "* ]]; then echo '{"skipped":true}' >"$out/wrk-$1.txt"; return; fi
  wrk -t1 -c"$2" -d"${seconds}s" --timeout 5s -s bench/http/requests.lua "$base" -- "$3" "$4" >"$out/wrk-$1.txt" 2>&1
}
run_wrk commune 400 get "$out/commune.paths" &
w1=$!
run_wrk province 400 get "$out/province.paths" &
w2=$!
run_wrk search 150 get "$out/search.paths" &
w3=$!
run_wrk slips 50 post "$out/slips.json" &
w4=$!
sleep "$((seconds / 2))"
rss_mid="$(rss VmRSS)"
wait $w1 $w2 $w3 $w4
wait $slow
rss_after="$(rss VmRSS)"
rss_peak="$(rss VmHWM)"
health="$(curl -sS --max-time 60 "$base/api/v1/health" || echo null)"

{
  printf '{"date":"%s","seconds":%s,"threads":%s,"port":%s,"slip_type":"%s","gzip":%s,\n' "$(date -u +%FT%TZ)" "$seconds" "$threads" "$port" "$slip_type" \
    "$([ "${BENCH_GZIP:-1}" = 0 ] && echo false || echo true)"
  for t in commune province search slips; do
    printf ' "%s":%s,\n' "$t" "$(grep '^{' "$out/wrk-$t.txt" | tail -1)"
  done
  printf ' "slow_clients":%s,\n' "$(cat "$out/slow.json")"
  printf ' "rss_kib":{"before":%s,"middle":%s,"after":%s,"peak":%s},"health_before":%s,"health_after":%s}\n' \
    "$rss_before" "$rss_mid" "$rss_after" "$rss_peak" "$health_before" "$health"
} >"$out/summary.json"

node -e '
const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
let total = 0;
console.log("type       requests   req/s     p50 ms   p90 ms   p99 ms   max ms  errors (connect/read/write/status/timeout)");
for (const t of ["commune", "province", "search", "slips"]) {
  const r = s[t], e = r.errors;
  if (r.skipped) { console.log(t.padEnd(9), "   (not run)"); continue; }
  total += r.requests / r.seconds;
  console.log(t.padEnd(9), String(r.requests).padStart(9), (r.requests / r.seconds).toFixed(0).padStart(8),
    ...["p50", "p90", "p99", "max"].map((k) => r.latency_ms[k].toFixed(1).padStart(8)),
    ` ${e.connect}/${e.read}/${e.write}/${e.status}/${e.timeout}`);
}
console.log("all", total.toFixed(0), "req/s; slow clients:", JSON.stringify(s.slow_clients));
const m = s.rss_kib; console.log("RSS MiB before", (m.before/1024).toFixed(0), "middle", (m.middle/1024).toFixed(0),
  "after", (m.after/1024).toFixed(0), "peak", (m.peak/1024).toFixed(0), "; health after the run:", JSON.stringify(s.health_after));
const f0 = (s.health_before || {}).figures, f1 = (s.health_after || {}).figures;
if (f0 && f1) console.log("figures during the run: snapshot loaded", f1.loads - f0.loads, "times;",
  (f1.writes_in_place || 0) - (f0.writes_in_place || 0), "writes applied in place by",
  f1.updates_in_place - f0.updates_in_place, "updates");
' "$out/summary.json"
kill -INT $server
if timeout 120 tail --pid=$server -f /dev/null; then echo "== server stopped"; else echo "== server still finishing queued requests after 120 s: killed"; kill -KILL $server; fi
trap - EXIT
