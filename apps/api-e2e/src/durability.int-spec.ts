import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack } from '../../../tools/testing/sluice-stack';
import { TemporalDevServer } from '../../../tools/testing/test-services';
import { waitUntil } from '../../../tools/testing/wait-until';
import { WebhookReceiver, type ReceivedWebhook } from '../../../tools/testing/webhook-receiver';
import { WorkerProcess } from '../../../tools/testing/worker-process';
import { peopleCsv } from './csv-fixtures';

/** Every received request grouped by webhook id; duplicates must carry the same body. */
function byWebhookId(received: ReceivedWebhook[]) {
  const groups = new Map<string, ReceivedWebhook[]>();
  for (const webhook of received) {
    const id = String(webhook.headers['webhook-id']);
    groups.set(id, [...(groups.get(id) ?? []), webhook]);
  }

  return groups;
}

describe('durability', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });

  afterEach(() => receiver.stop());

  it('completes a batch whose worker was killed mid-send, losing no record', async () => {
    const stack = await startSluiceStack({ inProcessWorker: false });
    const workers: WorkerProcess[] = [];
    try {
      workers.push(await WorkerProcess.start(stack.workerEnv));
      const api = new ApiClient(stack);
      const { csv, rows } = peopleCsv(2_000);
      const batch = await api.upload('people.csv', csv);
      await api.waitForPhase(batch.id, ['awaiting_approval']);
      await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        ratePerSecond: 300,
      });

      await waitUntil(() => receiver.received.length >= 500);
      await workers[0].kill('SIGKILL');
      const sentBeforeKill = receiver.received.length;
      workers.push(await WorkerProcess.start(stack.workerEnv));
      const done = await api.waitForPhase(batch.id, ['completed'], 120_000);

      const groups = byWebhookId(receiver.received);
      expect(sentBeforeKill).toBeLessThan(2_000);
      expect(done.counts).toMatchObject({ succeeded: 2_000, failed: 0, pending: 0 });
      expect(groups.size).toBe(2_000);
      const bodies = [...groups.values()].map((group) => JSON.parse(group[0].body));
      expect(bodies.sort((a, b) => Number(a.id) - Number(b.id))).toEqual(rows);
      for (const group of groups.values()) {
        expect(new Set(group.map((webhook) => webhook.body)).size).toBe(1);
      }
      // Re-sent: only requests whose outcome was not saved yet (saves happen every 500 ms).
      expect(receiver.received.length - 2_000).toBeLessThan(300 * 0.5 + 50);
    } finally {
      await Promise.all(workers.map((worker) => worker.kill()));
      await stack.stop();
    }
  });

  it('resumes and completes when the Temporal server restarts mid-send', async () => {
    const dbDir = await mkdtemp(join(tmpdir(), 'sluice-temporal-'));
    const server = await TemporalDevServer.start(process.env['TEMPORAL_CLI_PATH'] as string, [
      '--db-filename',
      join(dbDir, 'temporal.db'),
    ]);
    const stack = await startSluiceStack({ temporalAddress: server.address });
    try {
      const api = new ApiClient(stack);
      const batch = await api.upload('people.csv', peopleCsv(1_500).csv);
      await api.waitForPhase(batch.id, ['awaiting_approval']);
      await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        ratePerSecond: 200,
      });

      await waitUntil(() => receiver.received.length >= 300);
      await server.restart();
      const done = await api.waitForPhase(batch.id, ['completed'], 120_000);

      expect(done.counts).toMatchObject({ succeeded: 1_500, failed: 0 });
      expect(byWebhookId(receiver.received).size).toBe(1_500);
    } finally {
      await stack.stop();
      await server.stop();
      await rm(dbDir, { recursive: true, force: true });
    }
  });

  it('ends every record succeeded or failed with a reason as a receiver misbehaves', async () => {
    const stack = await startSluiceStack();
    let draw = 0;
    receiver.behaviour = () => {
      // A fixed cycle rather than randomness, so a failure can be replayed exactly.
      const roll = (draw++ * 7) % 10;
      if (roll === 0) return { status: 500 };
      if (roll === 1) return { status: 429, headers: { 'retry-after': '1' } };
      if (roll === 2) return { status: 204, delayMs: 600 };
      if (roll === 3) return { status: 204, drop: true };
      return { status: 204 };
    };
    try {
      const api = new ApiClient(stack);
      const batch = await api.upload('people.csv', peopleCsv(300).csv);
      await api.waitForPhase(batch.id, ['awaiting_approval']);
      await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        ratePerSecond: 200,
        concurrency: 16,
        timeoutMs: 300,
        maxAttempts: 3,
        backoffBaseMs: 50,
        backoffCapMs: 1_000,
        autoPauseFailureRatio: 1,
        autoPauseConsecutiveFailures: 0,
      });
      const done = await api.waitForPhase(batch.id, ['completed', 'completed_with_failures']);
      const failed = await api.request(
        'GET',
        `/api/batches/${batch.id}/deliveries?status=failed&limit=500`,
      );
      const succeeded = await api.request(
        'GET',
        `/api/batches/${batch.id}/deliveries?status=succeeded&limit=500`,
      );

      expect(done.counts.succeeded + done.counts.failed).toBe(300);
      expect(done.counts.failed).toBeGreaterThan(0);
      expect(failed.body.items.every((d: { lastErrorCode: string }) => d.lastErrorCode)).toBe(true);
      const succeededIds = new Set(succeeded.body.items.map((d: { id: string }) => d.id));
      expect(succeededIds).toEqual(receiver.acknowledged);
    } finally {
      await stack.stop();
    }
  });
});
