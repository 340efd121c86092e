#!/usr/bin/env bash
# The register's reads one at a time (a benchmark, not a test): `danso serve`
# on a demo database, one administrator signed in, each request sent alone
# with curl and timed by the server (the access log's duration_us):
#   search    GET /api/v1/persons?unit=COMMUNE&q=NAME&per_page=20   (6 name parts x 20 communes)
#   list      GET /api/v1/persons?unit=COMMUNE&per_page=50[&page=5] (20 communes, two pages)
#   district  GET /api/v1/persons?unit=DISTRICT&q=nguyen&per_page=20 (every district)
#   person    GET /api/v1/persons/{id}      (100 persons, half of them having moved)
#   household GET /api/v1/households/{id}   (100 households)
# Prints the median, p90 and max per kind in milliseconds. Run it with two
# builds on the same database to compare them:
#   bench/http/register_reads.sh DB                        # build/release/src/danso
#   DANSO=/path/to/other/danso bench/http/register_reads.sh DB
# The database is written to (the demo accounts, kept in DB.logins.txt, and sessions).
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${1:?usage: register_reads.sh DEMO_DB}"
danso="${DANSO:-build/release/src/danso}"
out="${BENCH_OUT:-bench/out/register-reads}"
mkdir -p "$out"
sql() { sqlite3 -batch -noheader -separator ' ' "$db" "$1"; }

# The demo accounts, made once per database and kept beside it.
logins="$db.logins.txt"
if [ ! -s "$logins" ]; then
  [ "$(sql "SELECT COUNT(*) FROM users;")" = 0 ] || { echo "$db has users but no $logins" >&2; exit 2; }
  "$danso" user demo --db "$db" --logins "$logins" >/dev/null
fi
read -r admin password _ <"$logins"

"$danso" serve --db "$db" --listen 127.0.0.1:0 --threads 2 >"$out/server.out" 2>"$out/access.log" &
server=$!
trap 'kill -INT $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  port="$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out/server.out")"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start" >&2; exit 1; }
base="http://127.0.0.1:$port"
for _ in $(seq 300); do  # a migration may run first
  curl -sf -o /dev/null "$base/api/v1/health" && break
  sleep 0.1
done
body="$(printf '{"username":"%s","password":"%s"}' "$admin" "$password")"
curl -sS -D "$out/login.headers" -o /dev/null -H 'Content-Type: application/json' -d "$body" "$base/api/v1/session"
cookie="$(sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' "$out/login.headers")"
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }

mapfile -t communes < <(sql "SELECT code FROM units WHERE kind = 'commune' AND valid_to IS NULL ORDER BY code LIMIT 20;")
mapfile -t districts < <(sql "SELECT code FROM units WHERE kind = 'district' AND valid_to IS NULL ORDER BY code;")
{
  for c in "${communes[@]}"; do
    for q in nguyen "tran%20van" "le%20thi" hoa minh "pham%20thi%20lan"; do
      echo "search /api/v1/persons?unit=$c&q=$q&per_page=20"
    done
    echo "list /api/v1/persons?unit=$c&per_page=50"
    echo "list /api/v1/persons?unit=$c&per_page=50&page=5"
  done
  for d in "${districts[@]}"; do echo "district /api/v1/persons?unit=$d&q=nguyen&per_page=20"; done
  sql "SELECT person_id FROM residence GROUP BY person_id HAVING COUNT(*) > 1 ORDER BY person_id % 997, person_id LIMIT 50;" |
    sed 's|^|person /api/v1/persons/|'
  sql "SELECT id FROM persons ORDER BY id % 991, id LIMIT 50;" | sed 's|^|person /api/v1/persons/|'
  sql "SELECT id FROM households ORDER BY id % 983, id LIMIT 100;" | sed 's|^|household /api/v1/households/|'
} >"$out/requests.txt"

# A warm-up pass, then the measured one; the access log gives each
# request's time on the server.
while read -r _ path; do curl -sS -o /dev/null -H "Cookie: $cookie" "$base$path"; done <"$out/requests.txt"
sleep 1  # the access log is written in batches
lines_before="$(wc -l <"$out/access.log")"
while read -r _ path; do curl -sS -o /dev/null -H "Cookie: $cookie" "$base$path"; done <"$out/requests.txt"
sleep 1
tail -n +"$((lines_before + 1))" "$out/access.log" | grep -o '"duration_us":[0-9]*' | cut -d: -f2 >"$out/durations.txt"
paste -d' ' <(cut -d' ' -f1 "$out/requests.txt") "$out/durations.txt" >"$out/timed.txt"
for kind in district household list person search; do
  grep "^$kind " "$out/timed.txt" | cut -d' ' -f2 | sort -n |
    awk -v k="$kind" '{ a[NR] = $1 } END {
      if (NR) printf "%-9s n=%3d  median %8.2f ms  p90 %8.2f ms  max %8.2f ms\n", k, NR, a[int((NR + 1) / 2)] / 1000,
                    a[int(NR * 0.9 + 0.999)] / 1000, a[NR] / 1000 }'
done
