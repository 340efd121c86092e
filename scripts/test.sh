#!/usr/bin/env bash
# Installs what is missing, builds DanSo and runs every test with CTest:
# first the Release build, then the AddressSanitizer + UBSan build, then the
# fuzz targets (clang-14, libFuzzer), each fuzzed for a few seconds on its
# committed corpus (fuzz/README.md). After each build's tests, the store's
# and the API's tests run again on a throwaway PostgreSQL cluster
# (scripts/test_postgres.sh).
#   scripts/test.sh            # DANSO_TEST_PRESETS="release" scripts/test.sh for one build only
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
presets="${DANSO_TEST_PRESETS:-release asan fuzz}"
for preset in $presets; do
  echo "== build: $preset"
  scripts/build.sh "$preset"
done
for preset in $presets; do
  echo "== test: $preset"
  ctest --preset "$preset" --timeout 900
  # The same store and API tests on PostgreSQL, on a throwaway cluster
  # started and removed by the script (docs/postgresql.md#tests).
  if [ "$preset" != "fuzz" ]; then
    echo "== test on PostgreSQL: $preset"
    scripts/test_postgres.sh "build/$preset"
  fi
done
