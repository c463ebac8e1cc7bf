#!/usr/bin/env bash
# Runs one command with the project's toolchain: `bash scripts/run.sh nx run-many -t lint`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$SLUICE_ROOT"
exec "$@"
