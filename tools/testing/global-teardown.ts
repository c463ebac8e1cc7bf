import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

import { scanSuiteHistories } from './suite-history-scan';
import { TEST_ENV } from './test-services';

const resultsDir = resolve(__dirname, '../../tmp/test-results');

/**
 * Scans every workflow history the run produced for secrets and record values, then stops the
 * Temporal dev server that global setup started. Findings fail the run once the server is down.
 */
export default async function globalTeardown(): Promise<void> {
  const address = process.env[TEST_ENV.temporalAddress];
  let findings: string[] = [];
  try {
    if (address) findings = await scanSuiteHistories(address, resultsDir);
  } finally {
    await stopDevServer();
  }
  if (findings.length > 0) {
    throw new Error(`Workflow histories hold what they must not: ${findings.join('; ')}`);
  }
}

async function stopDevServer(): Promise<void> {
  const server = (globalThis as { temporalDevServer?: ChildProcess }).temporalDevServer;
  if (!server || server.exitCode !== null) return;
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await once(server, 'exit');
  clearTimeout(timer);
}
