#!/usr/bin/env bash
# Runs all of Sluice locally: a Temporal dev server with its Web UI, PostgreSQL (embedded when
# DATABASE_URL is not set), the worker, and the API serving the console. Ctrl-C stops it all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$SLUICE_ROOT"
if [ "${SLUICE_SKIP_BUILD:-}" != "1" ]; then
  echo "[start] Building the API, worker, workflow bundle and console"
  nx run-many -t build -p api temporal-worker admin --output-style=static >/dev/null
fi
exec node scripts/start.mjs
