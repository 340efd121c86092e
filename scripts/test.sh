#!/usr/bin/env bash
# Installs what is missing, builds DanSo and runs every test with CTest:
# first the Release build, then the AddressSanitizer + UBSan build, then the
# fuzz targets (clang-14, libFuzzer), each fuzzed for a few seconds on its
# committed corpus (fuzz/README.md). After the release build's tests, the
# store's, the application's and the API's tests run again on a throwaway
# PostgreSQL cluster (scripts/test_postgres.sh); after the sanitizers',
# those that reach the PostgreSQL code.
#   scripts/test.sh            # DANSO_TEST_PRESETS="release" scripts/test.sh for one build only
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
presets="${DANSO_TEST_PRESETS:-release asan fuzz}"
# Each step says when it starts, so the log shows what took how long (and
# the last line stays CTest's summary).
started=$SECONDS
step() {  # step NAME COMMAND...
  echo "== $1 ($(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s from the start)"
  "${@:2}"
}
for preset in $presets; do
  step "build: $preset" scripts/build.sh "$preset"
done
for preset in $presets; do
  step "test: $preset" ctest --preset "$preset" --timeout 900
  # The same store and API tests on PostgreSQL, on a throwaway cluster
  # started and removed by the script (docs/postgresql.md#tests): every one
  # with the release build; with the sanitizers, those that reach the
  # PostgreSQL code (the others' code is the same on both engines, and is
  # run with the sanitizers on SQLite just above).
  case "$preset" in
    release) step "test on PostgreSQL: $preset" scripts/test_postgres.sh "build/$preset" ;;
    asan) step "test on PostgreSQL: $preset" env DANSO_PG_TESTS=engine scripts/test_postgres.sh "build/$preset" ;;
  esac
done
