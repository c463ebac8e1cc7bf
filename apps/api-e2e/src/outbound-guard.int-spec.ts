import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { peopleCsv } from './csv-fixtures';

/**
 * Only loopback targets are used here: one receiver on the allowed port, and one on a port
 * that is not allowed, which must never see a request.
 */
describe('outbound guard', () => {
  let stack: SluiceStack;
  let api: ApiClient;
  let allowed: WebhookReceiver;
  let forbidden: WebhookReceiver;

  beforeAll(async () => {
    allowed = await new WebhookReceiver().start();
    forbidden = await new WebhookReceiver().start();
    stack = await startSluiceStack({ allowedTargets: `127.0.0.1:${port(allowed)}` });
    api = new ApiClient(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await allowed?.stop();
    await forbidden?.stop();
  });

  async function parsedBatch() {
    const batch = await api.upload('people.csv', peopleCsv(3).csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);

    return batch.id;
  }

  it.each([
    ['another port', () => `http://127.0.0.1:${port(forbidden)}/hooks`],
    ['[::1]', () => `http://[::1]:${port(allowed)}/hooks`],
    ['0x7f.1', () => `http://0x7f.1:${port(forbidden)}/hooks`],
    ['2130706433', () => `http://2130706433:${port(forbidden)}/hooks`],
  ])('refuses %s at approval', async (_name, url) => {
    const batchId = await parsedBatch();

    const approval = await api.request('POST', `/api/batches/${batchId}/approve`, {
      url: url(),
      ratePerSecond: 50,
    });

    expect(approval.status).toBe(400);
    expect(approval.body.issues).toEqual([
      { field: 'url', message: 'Resolves to a private or loopback address Sluice refuses' },
    ]);
    expect((await api.getBatch(batchId)).phase).toBe('awaiting_approval');
  });

  it('refuses localhost after DNS, at connect time, though 127.0.0.1 has the port', async () => {
    const batchId = await parsedBatch();

    await api.request('POST', `/api/batches/${batchId}/approve`, {
      url: `http://localhost:${port(allowed)}/hooks`,
      ratePerSecond: 50,
    });
    const done = await api.waitForPhase(batchId, ['completed', 'completed_with_failures']);
    const failed = await api.request('GET', `/api/batches/${batchId}/deliveries?status=failed`);

    expect(done.counts).toMatchObject({ failed: 3, succeeded: 0 });
    expect(failed.body.items[0]).toMatchObject({
      attemptCount: 1,
      lastErrorCode: 'ADDRESS_REFUSED',
    });
  });

  it('refuses a test request to a loopback port that is not allowed', async () => {
    const batchId = await parsedBatch();

    const test = await api.request('POST', `/api/batches/${batchId}/test-request`, {
      url: `http://localhost:${port(forbidden)}/hooks`,
    });

    expect(test.body).toMatchObject({ statusCode: null, errorCode: 'ADDRESS_REFUSED' });
  });

  it('sends to the allowed receiver, and the forbidden one never saw a request', async () => {
    const batchId = await parsedBatch();

    const test = await api.request('POST', `/api/batches/${batchId}/test-request`, {
      url: allowed.url,
    });
    await api.request('POST', `/api/batches/${batchId}/approve`, {
      url: allowed.url,
      ratePerSecond: 50,
    });
    await api.waitForPhase(batchId, ['completed']);

    expect(test.body).toMatchObject({ statusCode: 204, errorCode: null });
    expect(allowed.received.length).toBe(4);
    expect(forbidden.received).toHaveLength(0);
  });
});

function port(receiver: WebhookReceiver): number {
  return Number(new URL(receiver.url).port);
}
