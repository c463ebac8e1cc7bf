#!/usr/bin/env bash
# Runs every test: unit tests of each project, the console's component tests, and integration
# tests against real PostgreSQL, a Temporal dev server and loopback receivers. Installs what is
# missing first. Ends with one line `N passed, N failed`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$SLUICE_ROOT"
source scripts/lib/postgres.sh

results="$SLUICE_ROOT/tmp/test-results"
rm -rf "$results"
mkdir -p "$results"
export SLUICE_TEST_DATABASE_URL="${SLUICE_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sluice_test}"
ensure_postgres "$SLUICE_TEST_DATABASE_URL"

vm_modules="--experimental-vm-modules --disable-warning=ExperimentalWarning"
status=0
run_jest() {
  local name="$1" node_options="$2"
  shift 2
  echo "== $name"
  NODE_OPTIONS="$node_options" jest --ci --json --outputFile "$results/$name.json" "$@" || status=1
}

run_jest unit "$vm_modules" --config jest.config.js
run_jest admin "" --config apps/admin/jest.config.js
bash scripts/lib/ensure-chromium.sh
run_jest integration "$vm_modules" --config jest.integration.config.js --runInBand
echo "== compose"
node scripts/check-compose.mjs > "$results/compose.txt" || { cat "$results/compose.txt"; status=1; }
tail -n 1 "$results/compose.txt"

node scripts/lib/summarize-tests.mjs "$results" || status=1
exit "$status"
