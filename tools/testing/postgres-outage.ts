import { setTimeout as sleep } from 'node:timers/promises';

import { Client as PgClient } from 'pg';

/**
 * Stands in for a PostgreSQL restart where the server cannot be restarted (a shared system
 * service): ends every session of the database, refusing new ones for `refuseMs` when given,
 * so clients see what a restart shows them. Sessions of other databases are left alone.
 * Returns how many sessions were ended.
 */
export async function dropDatabaseSessions(databaseUrl: string, refuseMs = 0): Promise<number> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new PgClient({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    if (refuseMs > 0) await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    try {
      const { rows } = await admin.query(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS ended
         FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      await sleep(refuseMs);
      return rows[0].ended as number;
    } finally {
      if (refuseMs > 0) await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    }
  } finally {
    await admin.end();
  }
}
