import { batchWorkflowId, type BatchPhase } from '@sluice/shared';

import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack } from '../../../tools/testing/sluice-stack';
import { TemporalDevServer } from '../../../tools/testing/test-services';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { WorkerProcess } from '../../../tools/testing/worker-process';
import { peopleCsv } from './csv-fixtures';

describe('scale', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });

  afterEach(() => receiver.stop());

  it('keeps a batch at 200/s across two worker processes (±5% over 30 s)', async () => {
    const stack = await startSluiceStack({ inProcessWorker: false });
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
      const logs = workers.map((worker) => worker.log);
      expect(logs.every((log) => log.includes('Worker started'))).toBe(true);
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
