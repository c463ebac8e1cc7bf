#!/usr/bin/env bash
# `npm run record-histories`: records histories of the batch workflow's main paths from a real
# Temporal dev server into libs/workflows/test/histories/, for the replay test. Needs PostgreSQL
# like `npm test` (HISTORIES_DATABASE_URL). Rerun after a deliberate, versioned workflow change.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$SLUICE_ROOT"
source scripts/lib/postgres.sh
ensure_postgres "${HISTORIES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sluice_histories}"
rm -rf tmp/histories-dist
swc tools/testing apps/api/src apps/temporal-worker/src libs/shared/src libs/persistence/src \
  libs/workflows/src libs/outbound/src -d tmp/histories-dist \
  --ignore '**/*.spec.ts,**/*.int-spec.ts' --quiet
exec node tmp/histories-dist/tools/testing/record-histories.js "$@"
