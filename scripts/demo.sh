#!/usr/bin/env bash
# The front door: installs what is missing, builds DanSo, creates the
# embedded demo database (data/demo.db, a synthetic province of 1,000,000
# persons) if it is not there yet, and prints what the register holds.
#   scripts/demo.sh            # DANSO_DEMO_PERSONS=200000 scripts/demo.sh for a smaller one
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
