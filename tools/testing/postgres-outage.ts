import { setTimeout as sleep } from 'node:timers/promises';

import { Client as PgClient } from 'pg';

/**
 * Stands in for a PostgreSQL restart where the server cannot be restarted (a shared system
 * service): ends every session of the database, refusing new ones for `refuseMs` when given,
 * so clients see what a restart shows them. Sessions of other databases are left alone.
 * Returns how many sessions were ended.
 */
export async function dropDatabaseSessions(databaseUrl: string, refuseMs = 0): Promise<number> {
  return asAdmin(databaseUrl, async (admin, name) => {
    if (refuseMs > 0) await allowConnections(admin, name, false);
    try {
      const ended = await endSessions(admin, name);
      await sleep(refuseMs);
      return ended;
    } finally {
      if (refuseMs > 0) await allowConnections(admin, name, true);
    }
  });
}

/** A database cut off by `cutOffDatabase`; `restore` lets sessions in again (twice is harmless). */
export interface DatabaseOutage {
  restore(): Promise<void>;
}

/**
 * Stands in for a PostgreSQL that is down for as long as the test wants: ends every session of
 * the database and refuses new ones until the outage is restored.
 */
export async function cutOffDatabase(databaseUrl: string): Promise<DatabaseOutage> {
  await asAdmin(databaseUrl, async (admin, name) => {
    await allowConnections(admin, name, false);
    await endSessions(admin, name);
  });

  return {
    restore: () => asAdmin(databaseUrl, (admin, name) => allowConnections(admin, name, true)),
  };
}

/** Runs `work` on a session of the server's `postgres` database, never the one it disrupts. */
async function asAdmin<T>(
  databaseUrl: string,
  work: (admin: PgClient, name: string) => Promise<T>,
): Promise<T> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new PgClient({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    return await work(admin, name);
  } finally {
    await admin.end();
  }
}

async function allowConnections(admin: PgClient, name: string, allow: boolean): Promise<void> {
  await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${allow}`);
}

async function endSessions(admin: PgClient, name: string): Promise<number> {
  const { rows } = await admin.query(
    `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS ended
     FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [name],
  );

  return rows[0].ended as number;
}
