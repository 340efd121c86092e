#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 cluster of its own:
# `initdb` into a new temporary folder, the server started with `pg_ctl`
# listening on a Unix socket in that folder only (no TCP at all), and the
# cluster stopped and removed when the command ends, whatever its outcome
# (an interrupt included). Nothing depends on a system service.
#
#   scripts/pg_cluster.sh build/release/tests/store_tests
#   scripts/pg_cluster.sh bash -c 'psql "$DANSO_TEST_PG" -c "SELECT version()"'
#
# The command sees DANSO_TEST_PG, the address of an empty database
# (postgresql:///danso_test?host=FOLDER&user=danso); its superuser "danso"
# may create more (the store's tests make one per test). PostgreSQL refuses
# to run as root: under root (CI) the server runs as the `postgres` system
# user that Debian's package creates, owning the folder; otherwise as the
# current user. PG_BIN overrides where initdb and pg_ctl are found.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
for tool in initdb pg_ctl psql; do
  if [ ! -x "$PG_BIN/$tool" ]; then
    echo "pg_cluster: thiếu $PG_BIN/$tool (cài bằng scripts/setup.sh) / missing $PG_BIN/$tool (install with scripts/setup.sh)" >&2
    exit 1
  fi
done

folder="$(mktemp -d "${TMPDIR:-/tmp}/danso-pg.XXXXXX")"
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "pg_cluster: không có người dùng hệ thống 'postgres' / no 'postgres' system user (apt-get install postgresql)" >&2
    rm -rf "$folder"
    exit 1
  fi
  chown postgres: "$folder"
  as_server=(runuser -u postgres --)
fi

stop_cluster() {
  local rc=$?
  if [ -f "$folder/data/postmaster.pid" ]; then
    "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$folder"
  exit "$rc"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_server[@]}" "$PG_BIN/initdb" -D "$folder/data" -U danso --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 1; }
# Unix socket in the folder only; durability is not needed for tests.
"${as_server[@]}" "$PG_BIN/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -s \
  -o "-c listen_addresses='' -c unix_socket_directories='$folder' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
  start || { cat "$folder/server.log" >&2; exit 1; }

"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 "postgresql:///postgres?host=$folder&user=danso" \
  -c "CREATE DATABASE danso_test" >/dev/null

export DANSO_TEST_PG="postgresql:///danso_test?host=$folder&user=danso"
export DANSO_PG_CLUSTER="$folder"
"$@"
