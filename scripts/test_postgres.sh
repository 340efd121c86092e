#!/usr/bin/env bash
# The tests that run on PostgreSQL, against a throwaway cluster of their own
# (scripts/pg_cluster.sh): the store's conformance suite on both engines,
# and every application and API test with its database on PostgreSQL (those
# that open the SQLite file behind the store are skipped there); then the
# tests of a hot standby (the indicators' snapshot read from it), on another
# throwaway cluster with a standby streaming from it. BUILD is a build
# folder (default build/release).
#   scripts/test_postgres.sh [BUILD]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
if [ -z "${DANSO_TEST_PG:-}" ]; then
  scripts/pg_cluster.sh "$0" "$build"
  echo "== PostgreSQL: hot standby"
  DANSO_PG_STANDBY=1 scripts/pg_cluster.sh env DANSO_TEST_ENGINE=postgres bash -c '
    "$0/tests/app_tests" --gtest_brief=1 --gtest_filter="SnapshotSourceStandby*" &&
    "$0/tests/http_tests" --gtest_brief=1 --gtest_filter="SnapshotSourceHealth*"' "$build"
  exit 0
fi
echo "== PostgreSQL: store"
"$build/tests/store_tests" --gtest_brief=1
echo "== PostgreSQL: application"
DANSO_TEST_ENGINE=postgres "$build/tests/app_tests" --gtest_brief=1
echo "== PostgreSQL: API"
DANSO_TEST_ENGINE=postgres "$build/tests/http_tests" --gtest_brief=1
