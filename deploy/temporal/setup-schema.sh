#!/bin/sh
# One-shot (compose service `temporal-schema`, temporalio/admin-tools) run before the Temporal
# server starts: brings the `temporal` and `temporal_visibility` databases, created by
# deploy/postgres/initdb, to the schema version of this Temporal release. Safe on every start:
# setup-schema skips a database that already has a schema version, and update-schema applies
# only the versions still missing, which is also how a Temporal upgrade gets its schema changes.
# The password comes from SQL_PASSWORD in the environment, so it never appears in `ps`.
set -eu

schema_root=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" "$@"
}

for database in temporal temporal_visibility; do
  case "$database" in
    temporal) schema_dir="$schema_root/temporal/versioned" ;;
    *) schema_dir="$schema_root/visibility/versioned" ;;
  esac
  sql_tool --db "$database" setup-schema -v 0.0
  sql_tool --db "$database" update-schema -d "$schema_dir"
  echo "Schema of $database is up to date"
done
