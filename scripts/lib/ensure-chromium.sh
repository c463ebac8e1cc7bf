#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the console's browser tests. Installs
# it from the distribution's packages when missing (never a downloaded browser build).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "[chromium] $CHROMIUM is missing and apt-get is not available; install Chromium" >&2
  exit 1
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "[chromium] root or sudo is needed to install" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

echo "[chromium] $CHROMIUM is missing; installing Debian's chromium package" >&2
"${sudo_cmd[@]}" apt-get update >&2
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y \
  chromium >&2
[ -x "$CHROMIUM" ] || { echo "[chromium] installed, but $CHROMIUM is still missing" >&2; exit 1; }
