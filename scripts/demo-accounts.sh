#!/usr/bin/env bash
# Creates the demo accounts of a demo database that has no user yet, each with
# a password drawn at random for this database, and writes them to a logins
# file (mode 600), one account a line: USERNAME PASSWORD ROLE UNIT [VILLAGE...].
# When the database already has users, changes nothing. Used by scripts/demo.sh
# and by the end-to-end tests (tests/e2e/).
#   scripts/demo-accounts.sh DANSO_BINARY DB LOGINS_FILE
set -euo pipefail
danso="$1" db="$2" logins="$3"

sql() { sqlite3 -batch -noheader "$db" "$1"; }

if [ "$(sql 'SELECT count(*) FROM users;')" != 0 ]; then
  exit 0
fi

# The first two districts of the province today (or the only one), the first commune of the
# first district and the first two villages of that commune.
valid() { local a="${1:-}"; echo "${a}valid_from <= date('now') AND (${a}valid_to IS NULL OR ${a}valid_to > date('now'))"; }
children() {  # children PARENT_CODE KIND LIMIT
  sql "SELECT u.code FROM units u JOIN units p ON u.parent_id = p.id
       WHERE p.code = '$1' AND u.kind = '$2' AND $(valid u.) ORDER BY u.code LIMIT $3;"
}
province="$(sql "SELECT code FROM units WHERE kind = 'province' AND $(valid) ORDER BY code LIMIT 1;")"
mapfile -t districts < <(children "$province" district 2)
commune="$(children "${districts[0]}" commune 1)"
mapfile -t villages < <(children "$commune" village 2)
if [ -z "$province" ] || ((${#districts[@]} < 1)) || [ -z "$commune" ] || ((${#villages[@]} < 2)); then
  echo "Cơ sở dữ liệu không có đủ đơn vị cho tài khoản mẫu / the database lacks the units for demo accounts" >&2
  exit 2
fi

# 144 random bits as 24 characters of [A-Za-z0-9].
new_password() { head -c 18 /dev/urandom | base64 | tr '+/' 'kq'; }

umask 077
tmp="$(mktemp "$logins.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
add() {  # add USERNAME ROLE UNIT [VILLAGE...]
  local user="$1" role="$2" unit="$3"
  shift 3
  local password
  password="$(new_password)"
  local village_args=()
  for v in "$@"; do village_args+=(--village "$v"); done
  printf '%s\n' "$password" |
    "$danso" user add --db "$db" --username "$user" --role "$role" --unit "$unit" "${village_args[@]}" >/dev/null
  echo "$user $password $role $unit $*" | sed 's/ *$//' >>"$tmp"
}
add qt.tinh administrator "$province"
add cb.huyen district_staff "${districts[0]}"
add vc.xa commune_officer "$commune"
add ctv.thon collaborator "$commune" "${villages[@]}"
# A user of another district, when the province has two (a small demo may not).
if ((${#districts[@]} > 1)); then add cb.huyen.khac district_staff "${districts[1]}"; fi
chmod 600 "$tmp"
mv "$tmp" "$logins"
trap - EXIT
