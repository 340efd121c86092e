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
#
# It also sees DANSO_PG_CTL, a command that stops and starts the server
# ("$DANSO_PG_CTL" stop | start, and standby-stop | standby-start for the
# standby below: the fault tests take them away and bring them back), and DANSO_TEST_PG_PASSWORD, the address of the same database as the
# role "danso_pw" whose password ("danso-pw-test") is checked (scram-sha-256),
# without the password.
#
# With DANSO_PG_STANDBY=1, a hot standby of that server runs beside it: a
# second cluster made with `pg_basebackup -R` as the replication role
# "replicator", streaming the first's write-ahead log, on a Unix socket in
# FOLDER/standby; the command sees DANSO_TEST_PG_STANDBY, the address of
# danso_test there. It is stopped and removed with the first.
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
  for data in "$folder/standby-data" "$folder/data"; do
    if [ -f "$data/postmaster.pid" ]; then
      "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$folder"
  exit "$rc"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_server[@]}" "$PG_BIN/initdb" -D "$folder/data" -U danso --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 1; }
# Unix socket in the folder only; durability is not needed for tests. In
# the configuration file rather than on pg_ctl's command line, so that
# DANSO_PG_CTL's start finds them again. wal_level replica (the default)
# lets a standby follow.
cat >>"$folder/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$folder'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
wal_level = replica
max_wal_senders = 4
CONF
# The password-checked role first (pg_hba.conf is read top down).
{
  echo "local all danso_pw scram-sha-256"
  cat "$folder/data/pg_hba.conf"
} >"$folder/pg_hba.conf" && cat "$folder/pg_hba.conf" >"$folder/data/pg_hba.conf" && rm "$folder/pg_hba.conf"
"${as_server[@]}" "$PG_BIN/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -s start \
  || { cat "$folder/server.log" >&2; exit 1; }

"$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 "postgresql:///postgres?host=$folder&user=danso" \
  -c "CREATE DATABASE danso_test" \
  -c "CREATE ROLE replicator LOGIN REPLICATION" \
  -c "SET password_encryption = 'scram-sha-256'" \
  -c "CREATE ROLE danso_pw LOGIN SUPERUSER PASSWORD 'danso-pw-test'" >/dev/null

# Stops or starts the server again, as the user it runs as.
cat >"$folder/ctl" <<CTL
#!/bin/sh
case "\$1" in
  stop) exec ${as_server[*]} "$PG_BIN/pg_ctl" -D "$folder/data" -m fast -w -s stop ;;
  start) exec ${as_server[*]} "$PG_BIN/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -s start ;;
  standby-stop) exec ${as_server[*]} "$PG_BIN/pg_ctl" -D "$folder/standby-data" -m fast -w -s stop ;;
  standby-start) exec ${as_server[*]} "$PG_BIN/pg_ctl" -D "$folder/standby-data" -l "$folder/standby.log" -w -s start ;;
  *) echo "usage: \$0 stop|start|standby-stop|standby-start" >&2; exit 2 ;;
esac
CTL
chmod 755 "$folder/ctl"

if [ "${DANSO_PG_STANDBY:-}" = 1 ]; then
  # A copy of the primary that follows it: -R writes primary_conninfo (as
  # replicator, over the primary's socket) and standby.signal.
  "${as_server[@]}" mkdir -p "$folder/standby"
  "${as_server[@]}" "$PG_BIN/pg_basebackup" -d "postgresql:///?host=$folder&user=replicator" \
    -D "$folder/standby-data" -R -X stream -c fast >"$folder/basebackup.log" 2>&1 \
    || { cat "$folder/basebackup.log" >&2; exit 1; }
  cat >>"$folder/standby-data/postgresql.conf" <<CONF
unix_socket_directories = '$folder/standby'
hot_standby = on
hot_standby_feedback = on
CONF
  "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$folder/standby-data" -l "$folder/standby.log" -w -s start \
    || { cat "$folder/standby.log" >&2; exit 1; }
  export DANSO_TEST_PG_STANDBY="postgresql:///danso_test?host=$folder/standby&user=danso"
fi

export DANSO_TEST_PG="postgresql:///danso_test?host=$folder&user=danso"
export DANSO_TEST_PG_PASSWORD="postgresql:///danso_test?host=$folder&user=danso_pw"
export DANSO_PG_CTL="$folder/ctl"
export DANSO_PG_CLUSTER="$folder"
"$@"
