#!/usr/bin/env bash
# The front door: installs what is missing, builds DanSo, creates the
# embedded demo database (data/demo.db, a synthetic province of 1,000,000
# persons) if it is not there yet, prints what the register holds, creates
# the demo accounts (passwords drawn at random for this database, kept in
# data/demo-logins.txt), prints the address and the logins and serves the
# database until Ctrl+C.
#   scripts/demo.sh                              # DANSO_DEMO_PERSONS=200000 scripts/demo.sh for a smaller one
#   DANSO_DEMO_SERVE=0 scripts/demo.sh           # build, demo database and stats only (the default without a terminal)
#   DANSO_LISTEN=127.0.0.1:9090 scripts/demo.sh  # another address
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
danso=build/release/src/danso
db="${DANSO_DB:-data/demo.db}"
mkdir -p "$(dirname "$db")"
if [ ! -s "$db" ]; then
  "$danso" demo --db "$db" --persons "${DANSO_DEMO_PERSONS:-1000000}" --seed 1
fi
"$danso" stats --db "$db"
# The Điện Biên plan's targets (data/programme/plans), adopted by the demo
# province, judged for the last whole year (docs/programme.md).
if [ -z "$("$danso" plan list --db "$db")" ]; then
  "$danso" plan import --db "$db" --file data/programme/plans/dien-bien-2017-2030.json --unit 99 >/dev/null
fi
"$danso" targets --db "$db" --plan 1
# The rewards of the demo's last year of events (2025, or the last whole
# year if earlier) under Hà Tĩnh's resolution 221/2020: the totals, and the
# payment list to sign beside the database (data/demo-chi-tra.xlsx).
# The tasks of Ninh Thuận's plan 2127/KH-UBND given to the agencies,
# adopted by the demo province: those overdue today (docs/programme.md §4).
if [ -z "$("$danso" task list --db "$db" --unit 99 --format csv | tail -n +2)" ]; then
  "$danso" task import --db "$db" --file data/programme/tasks/ninh-thuan-2127.json --unit 99 >/dev/null
fi
"$danso" task list --db "$db" --unit 99 --overdue
reward_year=$(( $(date +%Y) - 1 ))
if [ "$reward_year" -gt 2025 ]; then reward_year=2025; fi
"$danso" rewards --db "$db" --rules data/programme/rules/ha-tinh-221-2020.json --year "$reward_year" \
  --totals --xlsx "${db%.db}-chi-tra.xlsx"

serve="${DANSO_DEMO_SERVE:-}"
if [ -z "$serve" ]; then
  if [ -t 0 ]; then serve=1; else serve=0; fi
fi
if [ "$serve" = 0 ]; then
  echo "Không chạy máy chủ (DANSO_DEMO_SERVE=0 hoặc không có terminal) / not serving (DANSO_DEMO_SERVE=0 or no terminal)"
  exit 0
fi

logins="${db%.db}-logins.txt"
"$danso" user demo --db "$db" --logins "$logins" >/dev/null
# The demo's agency member speaks for the province's health department.
if grep -q '^bn.yte ' "$logins" 2>/dev/null; then
  "$danso" task member --db "$db" --user bn.yte --unit 99 --agency health >/dev/null
fi
listen="${DANSO_LISTEN:-127.0.0.1:8080}"
echo
echo "DanSo: http://$listen/"
if [ -s "$logins" ]; then
  echo "Tài khoản mẫu / demo logins ($logins):"
  while read -r user password role unit villages; do
    printf '  %-15s %-26s %-16s %s %s\n' "$user" "$password" "$role" "$unit" "$villages"
  done <"$logins"
else
  echo "Cơ sở dữ liệu đã có người dùng, không tạo tài khoản mẫu / the database already has users; no demo accounts made"
fi
echo "Ctrl+C để dừng / Ctrl+C stops the server"
exec "$danso" serve --db "$db" --listen "$listen"
