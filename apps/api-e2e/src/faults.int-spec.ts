import { Client as PgClient } from 'pg';

import type { BatchCompletedEvent, BatchSnapshot, SendingProgress } from '@sluice/shared';

import { ApiClient } from '../../../tools/testing/api-client';
import { ApiProcess } from '../../../tools/testing/api-process';
import { dropDatabaseSessions } from '../../../tools/testing/postgres-outage';
import { RealtimeClient } from '../../../tools/testing/realtime-client';
import { startSluiceStack } from '../../../tools/testing/sluice-stack';
import { waitUntil } from '../../../tools/testing/wait-until';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { WorkerProcess } from '../../../tools/testing/worker-process';
import { peopleCsv } from './csv-fixtures';

/** What PostgreSQL holds for a batch: its counters and its deliveries by status. */
async function stored(databaseUrl: string, batchId: string) {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const batch = await db.query(
      `SELECT succeeded_count, failed_count FROM batches WHERE id = $1`,
      [batchId],
    );
    const deliveries = await db.query(
      `SELECT status, count(*)::int AS count FROM deliveries WHERE batch_id = $1 GROUP BY status`,
      [batchId],
    );
    const succeeded = await db.query(
      `SELECT id FROM deliveries WHERE batch_id = $1 AND status = 'succeeded'`,
      [batchId],
    );

    return {
      succeededCount: batch.rows[0].succeeded_count as number,
      failedCount: batch.rows[0].failed_count as number,
      byStatus: Object.fromEntries(deliveries.rows.map((row) => [row.status, row.count])),
      succeededIds: new Set(succeeded.rows.map((row) => row.id as string)),
    };
  } finally {
    await db.end();
  }
}

describe('faults under load', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });

  afterEach(() => receiver.stop());

  it('completes with exact counts when PostgreSQL drops every session mid-send', async () => {
    const stack = await startSluiceStack({ inProcessWorker: false });
    const worker = await WorkerProcess.start(stack.workerEnv);
    try {
      const api = new ApiClient(stack);
      const batch = await api.upload('people.csv', peopleCsv(2_000).csv);
      await api.waitForPhase(batch.id, ['awaiting_approval']);
      await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        ratePerSecond: 300,
      });

      await waitUntil(() => receiver.received.length >= 400);
      const killedFirst = await dropDatabaseSessions(stack.databaseUrl);
      await waitUntil(() => receiver.received.length >= 1_000);
      // As a restart would: new sessions are refused for longer than a chunk rides out.
      const killedSecond = await dropDatabaseSessions(stack.databaseUrl, 3_000);
      const done = await api.waitForPhase(batch.id, ['completed'], 120_000);
      const db = await stored(stack.databaseUrl, batch.id);

      expect(killedFirst).toBeGreaterThan(0);
      expect(killedSecond).toBeGreaterThan(0);
      expect(done.counts).toMatchObject({ succeeded: 2_000, failed: 0, pending: 0 });
      expect(db).toMatchObject({ succeededCount: 2_000, failedCount: 0 });
      expect(db.byStatus).toEqual({ succeeded: 2_000 });
      expect(new Set(receiver.received.map((w) => w.headers['webhook-id'])).size).toBe(2_000);
      expect([...db.succeededIds].every((id) => receiver.acknowledged.has(id))).toBe(true);
      // Re-sent at most: requests whose outcome was not saved before the outage (saves happen
      // every 500 ms, and fail while it lasts); never whole chunks twice.
      expect(receiver.received.length - 2_000).toBeLessThan(300 * 3.5 + 50);
    } finally {
      await worker.kill();
      await stack.stop();
    }
  });

  it('brings a socket subscriber back to the same final counts when the API restarts', async () => {
    const stack = await startSluiceStack();
    const api = await ApiProcess.start(stack.workerEnv, stack.token);
    let client: RealtimeClient | undefined;
    try {
      const http = new ApiClient(api);
      const batch = await http.upload('people.csv', peopleCsv(2_000).csv);
      await http.waitForPhase(batch.id, ['awaiting_approval']);
      client = await RealtimeClient.connect(api);
      await client.watch(batch.id);
      await http.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        ratePerSecond: 250,
      });

      await waitUntil(() => receiver.received.length >= 500);
      const sentBefore = lastSent(client.payloadsOf('batch.progressed'));
      const acksBefore = client.payloadsOf('ack:subscribe').length;
      await api.restart();
      await waitUntil(() => (client?.payloadsOf('ack:subscribe').length ?? 0) > acksBefore, 30_000);
      const fresh = client.payloadsOf('ack:subscribe').at(-1);
      const completed = await client.waitFor((m) => m.name === 'batch.completed', 120_000);
      const event = completed.payload as BatchCompletedEvent;
      const db = await stored(stack.databaseUrl, batch.id);
      const polled = await http.getBatch(batch.id);

      expect(client.reconnectionCount).toBeGreaterThanOrEqual(1);
      expect(fresh.ok).toBe(true);
      expect((fresh.snapshot as BatchSnapshot).phase).toBe('sending');
      expect(sendingOf(fresh.snapshot).sent).toBeGreaterThanOrEqual(sentBefore);
      expect(event.phase).toBe('completed');
      expect(event.counts).toMatchObject({ succeeded: db.succeededCount, failed: db.failedCount });
      expect(event.counts).toEqual(polled.counts);
      expect(db).toMatchObject({ succeededCount: 2_000, failedCount: 0 });
      expect(sendingOf(event.snapshot)).toMatchObject({ sent: 2_000, failed: 0, pending: 0 });
    } finally {
      client?.close();
      await api.kill();
      await stack.stop();
    }
  });
});

function sendingOf(snapshot: BatchSnapshot): SendingProgress {
  if (snapshot.progress.stage !== 'sending') throw new Error('Expected sending progress');

  return snapshot.progress;
}

function lastSent(progressed: { snapshot: BatchSnapshot }[]): number {
  const last = progressed.at(-1);

  return last ? sendingOf(last.snapshot).sent : 0;
}
