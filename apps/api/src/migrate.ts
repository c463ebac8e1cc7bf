import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { createDataSourceOptions } from '@sluice/persistence';

import { migrationConfigFromEnv } from './config/migration-config';

/**
 * Applies pending migrations and exits. An advisory lock makes concurrent runs (several API
 * replicas starting together) wait for each other instead of racing.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(
    createDataSourceOptions({ url: databaseUrl, poolSize: 1, applicationName: 'sluice-migrate' }),
  );
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock(hashtext($1))', ['sluice-migrations']);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  runMigrations(migrationConfigFromEnv().databaseUrl)
    .then((applied) => {
      process.stdout.write(`Migrations applied: ${applied.length ? applied.join(', ') : 'none'}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`Migrations failed: ${(error as Error).message}\n`);
      process.exit(1);
    });
}
