#!/usr/bin/env bash
# `npm run bench [-- --records=100000 --naive=10000 --parse=1000000]`: compiles the benchmark
# with the apps it measures, then runs it. Needs PostgreSQL like `npm test` (BENCH_DATABASE_URL).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$SLUICE_ROOT"
source scripts/lib/postgres.sh
ensure_postgres "${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sluice_bench}"
rm -rf tmp/bench-dist
swc bench tools/testing apps/api/src apps/temporal-worker/src libs/shared/src libs/persistence/src \
  libs/workflows/src libs/outbound/src -d tmp/bench-dist --ignore '**/*.spec.ts,**/*.int-spec.ts' \
  --quiet
status=0
node tmp/bench-dist/bench/run-bench.js "$@" || status=$?
# The report rewrites a table in docs/performance.md; keep it as `npm run format:check` wants.
prettier --write docs/performance.md > /dev/null
exit "$status"
