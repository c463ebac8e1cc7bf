import { Client as PgClient } from 'pg';

import type { BatchCompletedEvent, BatchSnapshot, SendingProgress } from '@sluice/shared';

import { ApiClient } from '../../../tools/testing/api-client';
import { RealtimeClient } from '../../../tools/testing/realtime-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { WorkerProcess } from '../../../tools/testing/worker-process';
import { peopleCsv } from './csv-fixtures';

async function storedCounts(databaseUrl: string, batchId: string) {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT phase, record_count, parse_error_count, succeeded_count, failed_count
       FROM batches WHERE id = $1`,
      [batchId],
    );
    return rows[0];
  } finally {
    await db.end();
  }
}

describe('live progress of a batch over Socket.IO', () => {
  let stack: SluiceStack;
  let receiver: WebhookReceiver;
  let client: RealtimeClient | undefined;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    // No worker yet: the batch waits in parsing until the subscriber is in place.
    stack = await startSluiceStack({ inProcessWorker: false });
    receiver = await new WebhookReceiver().start();
  });

  afterAll(async () => {
    client?.close();
    await worker?.kill('SIGTERM');
    await receiver?.stop();
    await stack?.stop();
  });

  it('shows phases in order, counters that never fall, and final counts as stored', async () => {
    const api = new ApiClient(stack);
    // Two rows with too few fields become parse errors, which ask for attention.
    const batch = await api.upload('live.csv', `${peopleCsv(1_200).csv}9001,short\n9002,short\n`);
    client = await RealtimeClient.connect(stack);

    const answer = await client.subscribe(batch.id);
    worker = await WorkerProcess.start(stack.workerEnv);
    await client.waitFor((message) => message.payload?.phase === 'awaiting_approval');
    const approval = await api.request('POST', `/api/batches/${batch.id}/approve`, {
      url: receiver.url,
      ratePerSecond: 400,
      concurrency: 4,
    });
    const done = await client.waitFor((message) => message.name === 'batch.completed');
    const stored = await storedCounts(stack.databaseUrl, batch.id);

    expect(answer).toMatchObject({ ok: true, snapshot: { id: batch.id, phase: 'parsing' } });
    expect(approval.status).toBe(200);
    expect(client.received[0].name).toBe('ack:subscribe');
    const phases = client.payloadsOf('batch.phase_changed').map((event) => event.phase);
    expect(['parsing', ...phases]).toEqual([
      'parsing',
      'awaiting_approval',
      'sending',
      'completed',
    ]);
    expect(client.payloadsOf('batch.attention_needed')).toEqual([
      expect.objectContaining({ batchId: batch.id, kind: 'parse_errors_found', count: 2 }),
    ]);
    const sending: SendingProgress[] = client
      .payloadsOf('batch.progressed')
      .map((event: { snapshot: BatchSnapshot }) => event.snapshot.progress)
      .filter((progress: BatchSnapshot['progress']) => progress.stage === 'sending');
    expect(sending.some((progress) => progress.sent > 0 && progress.sent < 1_200)).toBe(true);
    for (const [index, progress] of sending.entries()) {
      const before = sending[index - 1] ?? progress;
      expect(progress.sent).toBeGreaterThanOrEqual(before.sent);
      expect(progress.failed).toBeGreaterThanOrEqual(before.failed);
      expect(progress.total).toBe(1_200);
    }
    const completed = done.payload as BatchCompletedEvent;
    expect(completed).toMatchObject({ batchId: batch.id, phase: stored.phase });
    expect(completed.counts).toEqual({
      records: stored.record_count,
      parseErrors: stored.parse_error_count,
      succeeded: stored.succeeded_count,
      failed: stored.failed_count,
      pending: stored.record_count - stored.succeeded_count - stored.failed_count,
    });
    expect(completed.counts).toMatchObject({ succeeded: 1_200, parseErrors: 2 });
    expect(completed.sendingDurationMs).toBeGreaterThan(0);
  });
});
