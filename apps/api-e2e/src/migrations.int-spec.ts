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
});
