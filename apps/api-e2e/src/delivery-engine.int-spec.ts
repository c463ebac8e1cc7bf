import { Webhook } from 'standardwebhooks';

import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { waitUntil } from '../../../tools/testing/wait-until';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { peopleCsv } from './csv-fixtures';

/** Fast retries, so tests about attempts do not wait for production backoff. */
const QUICK_RETRIES = { backoffBaseMs: 20, backoffCapMs: 100 };

describe('delivery engine', () => {
  let stack: SluiceStack;
  let api: ApiClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await startSluiceStack();
    api = new ApiClient(stack);
  });

  beforeEach(async () => {
    receiver = await new WebhookReceiver().start();
  });

  afterEach(() => receiver.stop());
  afterAll(() => stack?.stop());

  async function approvedBatch(csv: string, config: Record<string, unknown>) {
    const batch = await api.upload('people.csv', csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const approval = await api.request('POST', `/api/batches/${batch.id}/approve`, {
      url: receiver.url,
      ...config,
    });
    if (approval.status !== 200) throw new Error(`Approval answered ${approval.status}`);

    return { batchId: batch.id, secret: approval.body.secret as string };
  }

  it('signs every attempt verifiably and keeps one webhook id across a retry', async () => {
    const seen = new Set<string>();
    receiver.behaviour = ({ headers }) => {
      const id = String(headers['webhook-id']);
      if (seen.has(id)) return { status: 204 };
      seen.add(id);
      return { status: 503, body: 'busy' };
    };

    const { batchId, secret } = await approvedBatch(peopleCsv(20).csv, {
      ratePerSecond: 200,
      ...QUICK_RETRIES,
    });
    const done = await api.waitForPhase(batchId, ['completed', 'completed_with_failures']);

    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await api.getBatch(batchId))).not.toContain(secret);
    expect(done.phase).toBe('completed');
    expect(receiver.received).toHaveLength(40);
    const verifier = new Webhook(secret);
    for (const webhook of receiver.received) {
      const headers = webhook.headers as Record<string, string>;
      expect(() => verifier.verify(webhook.body, headers)).not.toThrow();
      expect(headers['user-agent']).toMatch(/^Sluice\//);
    }
    const byId = new Map<string, number>();
    for (const webhook of receiver.received) {
      const id = String(webhook.headers['webhook-id']);
      byId.set(id, (byId.get(id) ?? 0) + 1);
    }
    expect([...byId.values()].every((count) => count === 2)).toBe(true);
    const deliveries = await api.request('GET', `/api/batches/${batchId}/deliveries?limit=1`);
    const detail = await api.request('GET', `/api/deliveries/${deliveries.body.items[0].id}`);
    expect(detail.body.attempts).toEqual([
      expect.objectContaining({ attemptNumber: 1, statusCode: 503, errorCode: 'HTTP_5XX' }),
      expect.objectContaining({ attemptNumber: 2, statusCode: 204, errorCode: null }),
    ]);
    expect(detail.body.attempts[0].responseExcerpt).toBe('busy');
    // The list shows each batch's endpoint as its own snapshot does.
    const listed = await api.request('GET', '/api/batches?limit=100');
    const item = listed.body.items.find((batch: { id: string }) => batch.id === batchId);
    expect(item.endpoint).toEqual((await api.getBatch(batchId)).endpoint);
    expect(item.endpoint).toMatchObject({ url: receiver.url });
  });

  it('fails a permanent refusal at once and exports it with formulas neutralised', async () => {
    const csv = 'id,name\n1,Ann\n2,"=HYPERLINK(""http://x"")"\n3,Cy\n';
    receiver.behaviour = ({ body }) => ({ status: body.includes('HYPERLINK') ? 410 : 204 });

    const { batchId } = await approvedBatch(csv, { ratePerSecond: 50, ...QUICK_RETRIES });
    const done = await api.waitForPhase(batchId, ['completed', 'completed_with_failures']);
    const failed = await api.request('GET', `/api/batches/${batchId}/deliveries?status=failed`);
    const exported = await fetch(`${stack.apiUrl}/api/batches/${batchId}/failed.csv`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });

    expect(done.phase).toBe('completed_with_failures');
    expect(done.counts).toMatchObject({ succeeded: 2, failed: 1 });
    expect(failed.body.items).toEqual([
      expect.objectContaining({ lineNumber: 3, attemptCount: 1, lastStatusCode: 410 }),
    ]);
    expect(receiver.received).toHaveLength(3);
    expect(await exported.text()).toBe(
      'id,name,line_number,status,attempts,last_error\n' +
        `2,"'=HYPERLINK(""http://x"")",3,failed,1,Endpoint answered with status 410\n`,
    );
  });

  it('stores a binary answer holding NUL bytes as an excerpt PostgreSQL accepts', async () => {
    receiver.behaviour = () => ({ status: 200, body: 'ok\u0000\u0000done' });

    const { batchId } = await approvedBatch(peopleCsv(3).csv, { ratePerSecond: 50 });
    const done = await api.waitForPhase(batchId, ['completed', 'completed_with_failures']);
    const deliveries = await api.request('GET', `/api/batches/${batchId}/deliveries?limit=1`);
    const detail = await api.request('GET', `/api/deliveries/${deliveries.body.items[0].id}`);

    expect(done.counts).toMatchObject({ succeeded: 3, failed: 0 });
    expect(detail.body.attempts[0].responseExcerpt).toBe('ok\uFFFD\uFFFDdone');
  });

  it('waits as long as Retry-After asks before the next attempt', async () => {
    receiver.behaviour = () =>
      receiver.received.length === 1
        ? { status: 429, headers: { 'retry-after': '1' } }
        : { status: 204 };

    const { batchId } = await approvedBatch(peopleCsv(1).csv, { ratePerSecond: 50 });
    await api.waitForPhase(batchId, ['completed']);

    const [first, second] = receiver.received;
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(900);
  });

  it('starts no request from 2 s after a pause until resumed, then sends the rest', async () => {
    const { batchId } = await approvedBatch(peopleCsv(120).csv, { ratePerSecond: 20 });
    await waitUntil(() => receiver.received.length >= 10);

    const paused = await api.request('POST', `/api/batches/${batchId}/pause`);
    await sleep(2_000);
    const countAfterSettling = receiver.received.length;
    await sleep(2_000);
    const countWhilePaused = receiver.received.length;
    const resumed = await api.request('POST', `/api/batches/${batchId}/resume`);
    const done = await api.waitForPhase(batchId, ['completed']);

    expect(paused.body.phase).toBe('paused');
    expect(countWhilePaused).toBe(countAfterSettling);
    expect(countWhilePaused).toBeLessThan(120);
    expect(resumed.body.phase).toBe('sending');
    expect(done.counts.succeeded).toBe(120);
    const ids = new Set(receiver.received.map((webhook) => webhook.headers['webhook-id']));
    expect(ids.size).toBe(120);
  });

  it('refuses pause when not sending and resume when not paused', async () => {
    const batch = await api.upload('idle.csv', peopleCsv(2).csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);

    const pause = await api.request('POST', `/api/batches/${batch.id}/pause`);
    const resume = await api.request('POST', `/api/batches/${batch.id}/resume`);
    const reconfigure = await api.request('PATCH', `/api/batches/${batch.id}/config`, {
      ratePerSecond: 5,
    });

    expect([pause.status, resume.status, reconfigure.status]).toEqual([409, 409, 409]);
  });

  it('applies a new rate to a running batch within 2 seconds', async () => {
    const { batchId } = await approvedBatch(peopleCsv(400).csv, { ratePerSecond: 5 });
    await waitUntil(() => receiver.received.length >= 3);

    const changed = await api.request('PATCH', `/api/batches/${batchId}/config`, {
      ratePerSecond: 100,
    });
    const invalid = await api.request('PATCH', `/api/batches/${batchId}/config`, {
      ratePerSecond: 0,
      timeoutMs: 5,
    });
    await sleep(2_000);
    const before = receiver.received.length;
    await sleep(1_000);
    const sentInOneSecond = receiver.received.length - before;
    await api.request('POST', `/api/batches/${batchId}/cancel`);

    expect(changed.status).toBe(200);
    expect(changed.body.endpoint.ratePerSecond).toBe(100);
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues.map((issue: { field: string }) => issue.field).sort()).toEqual([
      'ratePerSecond',
      'timeoutMs',
    ]);
    expect(sentInOneSecond).toBeGreaterThan(50);
    expect(sentInOneSecond).toBeLessThanOrEqual(125);
  });

  it('pauses itself when failures pile up; a retry pass resends them with their ids', async () => {
    receiver.behaviour = () => ({ status: 500 });
    const { batchId } = await approvedBatch(peopleCsv(30).csv, {
      ratePerSecond: 100,
      maxAttempts: 1,
      autoPauseConsecutiveFailures: 5,
    });

    const paused = await api.waitForPhase(batchId, ['paused']);
    receiver.behaviour = () => ({ status: 204 });
    await api.request('POST', `/api/batches/${batchId}/resume`);
    const firstPass = await api.waitForPhase(batchId, ['completed', 'completed_with_failures']);
    const failedIds = (
      await api.request('GET', `/api/batches/${batchId}/deliveries?status=failed`)
    ).body.items.map((delivery: { id: string }) => delivery.id);
    const retried = await api.request('POST', `/api/batches/${batchId}/retry-failed`, {});
    const secondPass = await api.waitForPhase(batchId, ['completed']);

    expect(paused.reason).toContain('Paused automatically');
    expect(firstPass.phase).toBe('completed_with_failures');
    expect(failedIds.length).toBe(firstPass.counts.failed);
    expect(retried.status).toBe(200);
    expect(secondPass.counts).toMatchObject({ succeeded: 30, failed: 0 });
    const lastPassIds = receiver.received
      .slice(-failedIds.length)
      .map((w) => w.headers['webhook-id']);
    expect(new Set(lastPassIds)).toEqual(new Set(failedIds));
  });

  it('starts no request after a cancel answers', async () => {
    const { batchId } = await approvedBatch(peopleCsv(200).csv, { ratePerSecond: 40 });
    await waitUntil(() => receiver.received.length >= 5);

    const cancelled = await api.request('POST', `/api/batches/${batchId}/cancel`);
    const countAtAnswer = receiver.received.length;
    await sleep(1_500);

    expect(cancelled.body.phase).toBe('cancelled');
    expect(receiver.received.length).toBe(countAtAnswer);
  });
});

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
