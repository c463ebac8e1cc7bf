import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack } from '../../../tools/testing/sluice-stack';
import { TemporalDevServer } from '../../../tools/testing/test-services';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { WorkerProcess } from '../../../tools/testing/worker-process';
import { peopleCsv } from './csv-fixtures';

describe('worker shutdown', () => {
  it('exits on SIGTERM mid-send even while the Temporal server is down', async () => {
    // Every request hangs, so the chunk is still running when the worker is asked to stop.
    const receiver = await new WebhookReceiver().start();
    receiver.behaviour = () => ({ status: 204, delayMs: 120_000 });
    // A server of its own, to stop under the worker.
    const server = await TemporalDevServer.start(process.env['TEMPORAL_CLI_PATH'] as string);
    const stack = await startSluiceStack({
      temporalAddress: server.address,
      inProcessWorker: false,
    });
    try {
      const worker = await WorkerProcess.start({
        ...stack.workerEnv,
        WORKER_SHUTDOWN_GRACE_MS: '1000',
      });
      const api = new ApiClient(stack);
      const batch = await api.upload('people.csv', peopleCsv(50).csv);
      await api.waitForPhase(batch.id, ['awaiting_approval']);
      await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        timeoutMs: 120_000,
        concurrency: 4,
      });
      while (receiver.received.length === 0) await new Promise((r) => setTimeout(r, 100));
      await server.stop();

      const started = Date.now();
      const exited = await Promise.race([
        worker.kill('SIGTERM').then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000)),
      ]);
      if (!exited) await worker.kill('SIGKILL');

      // Grace (1 s) plus the forced-shutdown margin, with room for a slow machine.
      expect(exited).toBe(true);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      await receiver.stop();
      await stack.stop();
      await server.stop();
    }
  });
});
