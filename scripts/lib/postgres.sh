#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers at the given URL. Where it does not and a local Debian
# cluster is installed, starts that cluster; otherwise says how to get one and fails.
ensure_postgres() {
  local url="$1"
  if node -e '
    const { Client } = require("pg");
    const url = new URL(process.argv[1]); url.pathname = "/postgres";
    const c = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end()).catch(() => process.exit(1));' "$url"; then
    return 0
  fi
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    local version
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    echo "[postgres] not answering; starting the local cluster $version/main" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
    for _ in $(seq 1 30); do
      pg_isready -q -h 127.0.0.1 && return 0
      sleep 1
    done
  fi
  echo "[postgres] PostgreSQL is not reachable for ${url%%@*}@… and could not be started." >&2
  echo "[postgres] Install and start one (README, \"PostgreSQL\") or set SLUICE_TEST_DATABASE_URL." >&2
  return 1
}
