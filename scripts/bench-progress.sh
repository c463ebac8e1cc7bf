#!/usr/bin/env bash
# Runs the live progress benchmark (bench/progress.bench.ts): the real API, worker, PostgreSQL
# and Temporal dev server, batches sent with 0 and 200 subscribers in one run, with the API and
# the workers as their own processes. Prints the figures and rewrites its section of
# docs/performance.md. Takes about two minutes; set BENCH_RECORDS, BENCH_PAIRS (6),
# BENCH_WORKERS (2) or BENCH_SUBSCRIBERS (200) to change its size, and
# BENCH_PROGRESS_DATABASE_URL to use another PostgreSQL database (it is dropped and recreated).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$SLUICE_ROOT"
source scripts/lib/postgres.sh

# A database of its own: global setup drops and recreates it, which must not hit a test run.
bench_database="postgres://postgres@127.0.0.1:5432/sluice_bench_progress"
export SLUICE_TEST_DATABASE_URL="${BENCH_PROGRESS_DATABASE_URL:-$bench_database}"
ensure_postgres "$SLUICE_TEST_DATABASE_URL"
NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning" \
  jest --config bench/jest.config.js --runInBand
