import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { buildWorkflowBundle } from '../../apps/temporal-worker/src/bundle-workflows';
import {
  compiledApiEntry,
  compileWorker,
  recreateDatabase,
  startTemporalDevServer,
  TEST_ENV,
  TestServiceError,
} from './test-services';

const workspaceRoot = resolve(__dirname, '../..');

/**
 * Prepares the real services once per run: an empty PostgreSQL database, a Temporal dev server
 * and the workflow bundle. A service that cannot start fails the whole suite, saying which.
 */
export default async function globalSetup(): Promise<void> {
  const databaseUrl =
    process.env['SLUICE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/sluice_test';
  const cliPath = process.env['TEMPORAL_CLI_PATH'];
  if (!cliPath) {
    throw new TestServiceError('TEMPORAL_CLI_PATH is not set: run the suite with `npm test`');
  }
  await recreateDatabase(databaseUrl);
  const temporal = await startTemporalDevServer(cliPath);
  (globalThis as { temporalDevServer?: unknown }).temporalDevServer = temporal.process;

  const tmpDir = join(workspaceRoot, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const bundlePath = join(tmpDir, 'test-workflow-bundle.js');
  await buildWorkflowBundle(bundlePath, workspaceRoot);
  const workerEntry = compileWorker(workspaceRoot, join(tmpDir, 'test-dist'));
  process.env[TEST_ENV.apiEntry] = compiledApiEntry(join(tmpDir, 'test-dist'));

  process.env[TEST_ENV.databaseUrl] = databaseUrl;
  process.env[TEST_ENV.temporalAddress] = temporal.address;
  process.env[TEST_ENV.workflowBundle] = bundlePath;
  process.env[TEST_ENV.workerEntry] = workerEntry;
}
