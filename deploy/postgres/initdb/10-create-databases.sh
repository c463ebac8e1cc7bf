#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is still empty (docker-entrypoint-initdb.d). One role per
# owner, so Sluice cannot touch Temporal's tables and Temporal cannot touch Sluice's. Passwords
# travel as psql variables, so quoting inside them cannot break the SQL.
set -euo pipefail

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v sluice_password="$SLUICE_DB_PASSWORD" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE sluice LOGIN PASSWORD :'sluice_password';
CREATE DATABASE sluice OWNER sluice;

CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
SQL
