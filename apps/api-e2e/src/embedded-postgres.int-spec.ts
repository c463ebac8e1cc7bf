import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack } from '../../../tools/testing/sluice-stack';
import { freePort } from '../../../tools/testing/test-services';
import { waitUntil } from '../../../tools/testing/wait-until';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { peopleCsv } from './csv-fixtures';

// `npm start` runs on embedded PGlite when no DATABASE_URL is set, with the settings it gives
// here: one connection per process, parsed records stored by INSERT.
describe('on the embedded PostgreSQL of npm start', () => {
  it('parses, and after approval sends every record once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sluice-pglite-'));
    const port = await freePort();
    const pglite = spawn(process.execPath, ['scripts/embedded-postgres.mjs'], {
      env: { ...process.env, NODE_OPTIONS: '', PGLITE_DATA_DIR: dataDir, PGLITE_PORT: `${port}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    pglite.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    const receiver = await new WebhookReceiver().start();
    try {
      await waitUntil(() => output.includes('listening'), 60_000);
      const embedded = { DATABASE_POOL_SIZE: '1', WORKER_RECORD_WRITES: 'insert' };
      const stack = await startSluiceStack({
        databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
        apiEnv: { DATABASE_POOL_SIZE: '1' },
        workerEnv: embedded,
      });
      try {
        const api = new ApiClient(stack);
        const { csv } = peopleCsv(300);
        const batch = await api.upload('people.csv', csv);
        const parsed = await api.waitForPhase(batch.id, ['awaiting_approval']);
        await api.request('POST', `/api/batches/${batch.id}/approve`, {
          url: receiver.url,
          ratePerSecond: 500,
        });
        const done = await api.waitForPhase(batch.id, ['completed', 'completed_with_failures']);

        expect(parsed.counts).toMatchObject({ records: 300, parseErrors: 0 });
        expect(done.counts).toMatchObject({ succeeded: 300, failed: 0, pending: 0 });
        expect(new Set(receiver.received.map((w) => w.headers['webhook-id'])).size).toBe(300);
      } finally {
        await stack.stop();
      }
    } finally {
      await receiver.stop();
      pglite.kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
