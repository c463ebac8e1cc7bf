import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';
import { peopleCsv } from './csv-fixtures';

describe('batch lifecycle over the HTTP API', () => {
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

  it('parses, previews, and after approval sends every record exactly once', async () => {
    const { csv, rows } = peopleCsv(1_000);

    const uploaded = await api.upload('people.csv', csv);
    const parsed = await api.waitForPhase(uploaded.id, ['awaiting_approval']);

    expect(uploaded.phase).toBe('parsing');
    expect(parsed.counts).toMatchObject({ records: 1_000, parseErrors: 0 });
    expect(parsed.format).toEqual({
      delimiter: ',',
      encoding: 'utf-8',
      columns: ['id', 'name', 'email', 'note'],
    });
    const preview = await api.request('GET', `/api/batches/${uploaded.id}/records?limit=3`);
    expect(preview.body.items).toEqual(
      rows
        .slice(0, 3)
        .map((row, index) => expect.objectContaining({ seq: index + 1, values: row })),
    );
    expect(receiver.received).toHaveLength(0);

    const approval = await api.request('POST', `/api/batches/${uploaded.id}/approve`, {
      url: receiver.url,
      headers: { authorization: 'Bearer partner-token' },
      ratePerSecond: 1_000,
      concurrency: 8,
    });
    expect(approval.status).toBe(200);
    expect(approval.body.phase).toBe('sending');
    const done = await api.waitForPhase(uploaded.id, ['completed', 'completed_with_failures']);

    expect(done.phase).toBe('completed');
    expect(done.counts).toMatchObject({ records: 1_000, succeeded: 1_000, failed: 0, pending: 0 });
    expect(receiver.received).toHaveLength(1_000);
    const bodies = receiver.received.map((webhook) => JSON.parse(webhook.body));
    expect(bodies.sort((a, b) => Number(a.id) - Number(b.id))).toEqual(rows);
    const webhookIds = new Set(receiver.received.map((webhook) => webhook.headers['webhook-id']));
    expect(webhookIds.size).toBe(1_000);
    expect(receiver.received[0].headers['authorization']).toBe('Bearer partner-token');
    expect(done.endpoint).toMatchObject({ headerNames: ['authorization'], ratePerSecond: 1_000 });
  });

  it('refuses an invalid config and a second approval synchronously, sending nothing', async () => {
    const { csv } = peopleCsv(3);
    const batch = await api.upload('small.csv', csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const approve = (body: unknown) =>
      api.request('POST', `/api/batches/${batch.id}/approve`, body);

    const invalid = await approve({ url: 'not a url', ratePerSecond: 0 });
    const afterInvalid = await api.getBatch(batch.id);
    const first = await approve({ url: receiver.url, ratePerSecond: 100 });
    await api.waitForPhase(batch.id, ['completed']);
    const second = await approve({ url: `${receiver.url}/second`, ratePerSecond: 100 });

    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    expect(invalid.body.issues.map((issue: { field: string }) => issue.field)).toEqual([
      'url',
      'ratePerSecond',
    ]);
    expect(afterInvalid.phase).toBe('awaiting_approval');
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('BATCH_PHASE_CONFLICT');
    expect(receiver.received.map((webhook) => webhook.body)).toHaveLength(3);
    expect(receiver.received.every((webhook) => !webhook.body.includes('second'))).toBe(true);
  });

  it('refuses a second approval while the first is sending', async () => {
    const { csv } = peopleCsv(40);
    const batch = await api.upload('slow.csv', csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const approve = (rate: number) =>
      api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        ratePerSecond: rate,
        concurrency: 1,
      });

    const first = await approve(10);
    const second = await approve(500);
    await api.request('POST', `/api/batches/${batch.id}/cancel`);

    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.message).toContain('sending');
  });

  it('discards a batch awaiting approval and refuses to approve it afterwards', async () => {
    const batch = await api.upload('discard.csv', peopleCsv(5).csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);

    const cancelled = await api.request('POST', `/api/batches/${batch.id}/cancel`);
    const approval = await api.request('POST', `/api/batches/${batch.id}/approve`, {
      url: receiver.url,
      ratePerSecond: 10,
    });

    expect(cancelled.status).toBe(200);
    expect(cancelled.body.phase).toBe('cancelled');
    expect(approval.status).toBe(409);
    expect(receiver.received).toHaveLength(0);
  });

  it('stores rows it cannot parse as errors with line and column, and keeps the rest', async () => {
    const csv = 'id,name\n1,Ann\n2,Bob,extra\n3\n4,"Dan"\n';

    const batch = await api.upload('ragged.csv', csv);
    const parsed = await api.waitForPhase(batch.id, ['awaiting_approval']);
    const errors = await api.request('GET', `/api/batches/${batch.id}/errors`);

    expect(parsed.counts).toMatchObject({ records: 2, parseErrors: 2 });
    expect(errors.body.items).toEqual([
      expect.objectContaining({ lineNumber: 3, columnNumber: 3, code: 'FIELD_COUNT_MISMATCH' }),
      expect.objectContaining({ lineNumber: 4, columnNumber: 2, code: 'FIELD_COUNT_MISMATCH' }),
    ]);
  });

  it('fails a batch whose file has a header but no records, with the reason', async () => {
    const batch = await api.upload('empty.csv', 'id,name\n');

    const failed = await api.waitForPhase(batch.id, ['failed']);

    expect(failed.reason).toBe('The file has no records to send');
  });
});
