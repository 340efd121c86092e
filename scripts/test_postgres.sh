#!/usr/bin/env bash
# The tests that run on PostgreSQL, against a throwaway cluster of their own
# (scripts/pg_cluster.sh): the store's conformance suite on both engines,
# and every application and API test with its database on PostgreSQL (those
# that open the SQLite file behind the store are skipped there); then the
# tests of a hot standby (the indicators' snapshot read from it), on another
# throwaway cluster with a standby streaming from it. BUILD is a build
# folder (default build/release).
#   scripts/test_postgres.sh [BUILD]
#   DANSO_PG_TESTS=engine scripts/test_postgres.sh build/asan
#     the store's suite whole, and of the application's and the API's only
#     the tests written for PostgreSQL (its loads, faults, readers and
#     standby): what reaches the PostgreSQL code; scripts/test.sh runs the
#     sanitizer build so, the release build with every test.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
case "${DANSO_PG_TESTS:=all}" in
  all) app_filter="*" http_filter="*" ;;
  engine)
    app_filter="SnapshotLoadEngines.*:SnapshotSource*:PgDatabaseFaults.*:Engines/*:*Postgres*"
    http_filter="SnapshotSourceHealth.*:*Postgres*" ;;
  *) echo "DANSO_PG_TESTS: all hoặc engine / all or engine, không phải / not '$DANSO_PG_TESTS'" >&2; exit 2 ;;
esac
export DANSO_PG_TESTS
if [ -z "${DANSO_TEST_PG:-}" ]; then
  scripts/pg_cluster.sh "$0" "$build"
  echo "== PostgreSQL: hot standby"
  DANSO_PG_STANDBY=1 scripts/pg_cluster.sh env DANSO_TEST_ENGINE=postgres bash -c '
    "$0/tests/app_tests" --gtest_brief=1 --gtest_filter="SnapshotSourceStandby*" &&
    "$0/tests/http_tests" --gtest_brief=1 --gtest_filter="SnapshotSourceHealth*"' "$build"
  exit 0
fi
# Two at once, as CTest runs the SQLite pass (each test has a database of
# its own in the cluster), their output printed when both are done: with
# every test, the store's and then the application's beside the API's;
# with the engine's, the store's beside the application's and then the
# API's. Then, alone, the one test that stops and starts the server (the
# others would lose it meanwhile).
stops="ApiTest.WhileThePostgresServerIsStopped*"
store() {
  echo "== PostgreSQL: store"
  "$build/tests/store_tests" --gtest_brief=1
}
application() {
  echo "== PostgreSQL: application ($DANSO_PG_TESTS)"
  DANSO_TEST_ENGINE=postgres "$build/tests/app_tests" --gtest_brief=1 --gtest_filter="$app_filter"
}
api() {
  echo "== PostgreSQL: API ($DANSO_PG_TESTS)"
  DANSO_TEST_ENGINE=postgres "$build/tests/http_tests" --gtest_brief=1 --gtest_filter="$http_filter-$stops"
}
logs="$(mktemp -d "${TMPDIR:-/tmp}/danso-pg-logs.XXXXXX")"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$logs"' EXIT
if [ "$DANSO_PG_TESTS" = all ]; then
  first="store application" second="api"
  echo "== PostgreSQL: the store's tests, then the application's, beside the API's (each one's output when all are done)"
else
  first="store" second="application api"
  echo "== PostgreSQL: the store's tests beside the application's, then the API's (each one's output when all are done)"
fi
(set -e; for part in $first; do "$part"; done) >"$logs/first" 2>&1 &
first_job=$!
(set -e; for part in $second; do "$part"; done) >"$logs/second" 2>&1 &
second_job=$!
failed=0
wait "$first_job" || failed=1
wait "$second_job" || failed=1
cat "$logs/first" "$logs/second"
((failed == 0)) || exit 1
echo "== PostgreSQL: API, the server stopped and started again"
DANSO_TEST_ENGINE=postgres "$build/tests/http_tests" --gtest_brief=1 --gtest_filter="$stops"
