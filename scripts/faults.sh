#!/usr/bin/env bash
# `npm run faults [-- --batches=5 --records=20000 --rate=300]`: batches sending at once through
# worker kills, a Temporal restart, dropped PostgreSQL sessions and an API restart; prints a
# report and exits 1 if an invariant fails. Needs PostgreSQL like `npm test` (FAULTS_DATABASE_URL).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$SLUICE_ROOT"
source scripts/lib/postgres.sh
ensure_postgres "${FAULTS_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sluice_faults}"
rm -rf tmp/faults-dist
swc bench/faults tools/testing apps/api/src apps/temporal-worker/src libs/shared/src \
  libs/persistence/src libs/workflows/src libs/outbound/src -d tmp/faults-dist \
  --ignore '**/*.spec.ts,**/*.int-spec.ts' --quiet
status=0
node tmp/faults-dist/bench/faults/run-faults.js "$@" || status=$?
prettier --write docs/performance.md > /dev/null
exit "$status"
