import { randomUUID } from 'node:crypto';

import { Client as PgClient } from 'pg';

import { MIGRATIONS } from '@sluice/persistence';

import { recreateDatabase, TEST_ENV } from '../../../tools/testing/test-services';
import { runMigrations } from '../../api/src/migrate';

describe(runMigrations.name, () => {
  it('applies each migration once when several replicas start together', async () => {
    const url = new URL(process.env[TEST_ENV.databaseUrl] as string);
    url.pathname = `${url.pathname}_migrate`;
    await recreateDatabase(url.toString());

    const runs = await Promise.all([1, 2, 3].map(() => runMigrations(url.toString())));
    const db = new PgClient({ connectionString: url.toString() });
    await db.connect();
    const { rows } = await db.query('SELECT name FROM schema_migrations').finally(() => db.end());

    expect(runs.map((applied) => applied.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('still deletes the records, deliveries and attempts of a deleted batch', async () => {
    const url = new URL(process.env[TEST_ENV.databaseUrl] as string);
    url.pathname = `${url.pathname}_cascade`;
    await recreateDatabase(url.toString());
    await runMigrations(url.toString());
    const db = new PgClient({ connectionString: url.toString() });
    await db.connect();
    try {
      const batchId = randomUUID();
      const deliveryId = randomUUID();
      await db.query(
        `INSERT INTO batches (id, file_name, file_size_bytes, storage_key, phase)
         VALUES ($1, 'people.csv', 10, $2, 'sending')`,
        [batchId, `${batchId}.csv`],
      );
      await db.query(
        `INSERT INTO records (batch_id, seq, line_number, fields) VALUES ($1, 1, 2, '["a"]')`,
        [batchId],
      );
      await db.query(
        `INSERT INTO deliveries (id, batch_id, record_seq, status) VALUES ($1, $2, 1, 'pending')`,
        [deliveryId, batchId],
      );
      await db.query(
        `INSERT INTO attempts (delivery_id, attempt_number, started_at, duration_ms)
         VALUES ($1, 1, now(), 5)`,
        [deliveryId],
      );

      await db.query('DELETE FROM batches WHERE id = $1', [batchId]);
      const { rows } = await db.query(
        `SELECT (SELECT count(*) FROM records)::int AS records,
           (SELECT count(*) FROM deliveries)::int AS deliveries,
           (SELECT count(*) FROM attempts)::int AS attempts`,
      );

      expect(rows[0]).toEqual({ records: 0, deliveries: 0, attempts: 0 });
    } finally {
      await db.end();
    }
  });
});
