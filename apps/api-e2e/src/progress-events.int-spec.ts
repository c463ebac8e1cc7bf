import { ApiClient } from '../../../tools/testing/api-client';
import { RealtimeClient, type ReceivedMessage } from '../../../tools/testing/realtime-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { peopleCsv } from './csv-fixtures';

/** What the issue promises: an operator sees a pause or a resume within two seconds. */
const PHASE_EVENT_LIMIT_MS = 2_000;
const NO_AUTO_PAUSE = { autoPauseConsecutiveFailures: 0, autoPauseFailureRatio: 1 };

describe('phase and attention events', () => {
  let stack: SluiceStack;
  let api: ApiClient;
  let receiver: WebhookReceiver;
  let client: RealtimeClient;

  beforeAll(async () => {
    stack = await startSluiceStack();
    api = new ApiClient(stack);
  });

  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
    client = await RealtimeClient.connect(stack);
  });

  afterEach(async () => {
    client.close();
    await receiver.stop();
  });

  afterAll(() => stack?.stop());

  async function sendingBatch(rows: number, config: Record<string, unknown>) {
    const batch = await api.upload('events.csv', peopleCsv(rows).csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    await client.subscribe(batch.id);
    const approval = await api.request('POST', `/api/batches/${batch.id}/approve`, {
      url: receiver.url,
      ...config,
    });
    if (approval.status !== 200) throw new Error(`Approval answered ${approval.status}`);

    return batch.id;
  }

  const phaseEvent = (phase: string, after: number) => (message: ReceivedMessage) =>
    message.name === 'batch.phase_changed' &&
    message.payload.phase === phase &&
    message.receivedAt >= after;

  it('shows a pause and a resume as phase events within two seconds', async () => {
    const batchId = await sendingBatch(400, { ratePerSecond: 20, concurrency: 1 });
    await client.waitFor((message) => message.payload?.snapshot?.progress?.sent > 0);

    const pausedAt = Date.now();
    const pause = await api.request('POST', `/api/batches/${batchId}/pause`);
    const paused = await client.waitFor(phaseEvent('paused', pausedAt), 10_000);
    const resumedAt = Date.now();
    const resume = await api.request('POST', `/api/batches/${batchId}/resume`);
    const resumed = await client.waitFor(phaseEvent('sending', resumedAt), 10_000);
    await api.request('POST', `/api/batches/${batchId}/cancel`);

    expect([pause.status, resume.status]).toEqual([200, 200]);
    expect(paused.payload).toMatchObject({ batchId, previousPhase: 'sending' });
    expect(paused.receivedAt - pausedAt).toBeLessThan(PHASE_EVENT_LIMIT_MS);
    expect(resumed.payload).toMatchObject({ batchId, previousPhase: 'paused' });
    expect(resumed.receivedAt - resumedAt).toBeLessThan(PHASE_EVENT_LIMIT_MS);
    expect(client.payloadsOf('batch.attention_needed')).toEqual([]);
  });

  it('asks for attention when the batch pauses itself, with the reason', async () => {
    receiver.behaviour = () => ({ status: 500 });

    const batchId = await sendingBatch(30, {
      ratePerSecond: 100,
      maxAttempts: 1,
      autoPauseConsecutiveFailures: 5,
    });
    // Failing deliveries may also raise a failure burst first; the pause has its own notice.
    const notice = await client.waitFor(
      (message) =>
        message.name === 'batch.attention_needed' && message.payload.kind === 'auto_paused',
    );
    await api.request('POST', `/api/batches/${batchId}/cancel`);

    expect(notice.payload).toMatchObject({ batchId, kind: 'auto_paused' });
    expect(notice.payload.message).toMatch(/^Paused automatically/);
  });

  it('asks for attention when many deliveries fail for good at once', async () => {
    receiver.behaviour = () => ({ status: 410 });

    const batchId = await sendingBatch(60, { ratePerSecond: 100, ...NO_AUTO_PAUSE });
    const notice = await client.waitFor((message) => message.name === 'batch.attention_needed');
    await api.waitForPhase(batchId, ['completed_with_failures']);

    expect(notice.payload).toMatchObject({ batchId, kind: 'failure_burst' });
    expect(notice.payload.count).toBeGreaterThanOrEqual(10);
  });
});
