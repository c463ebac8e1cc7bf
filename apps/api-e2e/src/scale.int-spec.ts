import { batchWorkflowId, type BatchPhase } from '@sluice/shared';

import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack } from '../../../tools/testing/sluice-stack';
import { TemporalDevServer } from '../../../tools/testing/test-services';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { WorkerProcess } from '../../../tools/testing/worker-process';
import { peopleCsv } from './csv-fixtures';

/** Deliveries a worker process saw succeed, from its own Prometheus counter. */
async function succeededDeliveries(worker: WorkerProcess): Promise<number> {
  const metrics = await (await fetch(`${worker.httpUrl}/metrics`)).text();
  const line = /^sluice_deliveries_total\{outcome="succeeded"\} (\d+)$/m.exec(metrics);

  return Number(line?.[1] ?? 0);
}

describe('scale', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });

  afterEach(() => receiver.stop());

  it('keeps a batch at 200/s across two worker processes (±5% over 30 s)', async () => {
    // Chunks of 500 records, so both workers take a share of the batch's chunks.
    const stack = await startSluiceStack({
      inProcessWorker: false,
      workerEnv: { WORKER_CHUNK_SIZE: '500' },
    });
    const workers = [
      await WorkerProcess.start(stack.workerEnv),
      await WorkerProcess.start(stack.workerEnv),
    ];
    try {
      const api = new ApiClient(stack);
      const batch = await api.upload('people.csv', peopleCsv(7_500).csv);
      await api.waitForPhase(batch.id, ['awaiting_approval']);
      await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        ratePerSecond: 200,
        concurrency: 16,
      });
      await api.waitForPhase(batch.id, ['completed'], 120_000);

      const first = receiver.received[0].receivedAt;
      const windowStart = first + 2_000;
      const inWindow = receiver.received.filter(
        (webhook) => webhook.receivedAt >= windowStart && webhook.receivedAt < windowStart + 30_000,
      ).length;
      expect(inWindow).toBeGreaterThanOrEqual(6_000 * 0.95);
      expect(inWindow).toBeLessThanOrEqual(6_000 * 1.05);
      // Both sent part of the batch: the rate held for the batch, not for each worker.
      const sent = await Promise.all(workers.map(succeededDeliveries));
      expect(sent[0] + sent[1]).toBe(7_500);
      expect(Math.min(...sent)).toBeGreaterThan(0);
    } finally {
      await Promise.all(workers.map((worker) => worker.kill()));
      await stack.stop();
    }
  });

  it('continues as new before history grows, with exact counts across runs', async () => {
    const server = await TemporalDevServer.start(process.env['TEMPORAL_CLI_PATH'] as string, [
      ...['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=60'],
    ]);
    // Small chunks, so twelve thousand records make enough history to continue as new.
    const stack = await startSluiceStack({
      temporalAddress: server.address,
      workerEnv: { WORKER_CHUNK_SIZE: '1000' },
    });
    try {
      const api = new ApiClient(stack);
      const batch = await api.upload('people.csv', peopleCsv(12_000).csv);
      await api.waitForPhase(batch.id, ['awaiting_approval']);
      await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        ratePerSecond: 5_000,
        concurrency: 32,
      });
      const seen = new Set<BatchPhase>();
      const done = await api.waitForPhase(batch.id, ['completed'], 120_000, seen);

      const handle = stack.temporal.workflow.getHandle(batchWorkflowId(batch.id));
      const description = await handle.describe();
      const firstRunId = description.raw.workflowExecutionInfo?.firstRunId;
      const history = await handle.fetchHistory();
      expect(done.counts).toMatchObject({ succeeded: 12_000, failed: 0, pending: 0 });
      expect(new Set(receiver.received.map((w) => w.headers['webhook-id'])).size).toBe(12_000);
      expect(firstRunId).toBeTruthy();
      expect(description.runId).not.toBe(firstRunId);
      // Continuing as new is invisible to operators: the batch never looked failed.
      expect([...seen].filter((phase) => phase !== 'sending')).toEqual(['completed']);
      expect(history.events?.length ?? 0).toBeLessThan(200);
    } finally {
      await stack.stop();
      await server.stop();
    }
  });
});
