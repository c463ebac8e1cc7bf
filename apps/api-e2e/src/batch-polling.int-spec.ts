import { ApiClient } from '../../../tools/testing/api-client';
import { RealtimeClient } from '../../../tools/testing/realtime-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { peopleCsv } from './csv-fixtures';

describe('polling a batch', () => {
  let stack: SluiceStack;
  let api: ApiClient;
  const poll = (batchId: string, etag?: string) =>
    fetch(`${stack.apiUrl}/api/batches/${batchId}`, {
      headers: {
        authorization: `Bearer ${stack.token}`,
        ...(etag ? { 'if-none-match': etag } : {}),
      },
    });

  beforeAll(async () => {
    stack = await startSluiceStack();
    api = new ApiClient(stack);
  });

  afterAll(() => stack?.stop());

  it('answers 304 with no body while the batch is unchanged', async () => {
    const batch = await api.upload('poll.csv', peopleCsv(3).csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);

    const first = await poll(batch.id);
    const etag = first.headers.get('etag') ?? '';
    const again = await poll(batch.id, etag);

    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('answers with the new snapshot and tag once the batch changed', async () => {
    const batch = await api.upload('changing.csv', peopleCsv(3).csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const before = await poll(batch.id);
    const etag = before.headers.get('etag') ?? '';

    await api.request('POST', `/api/batches/${batch.id}/cancel`);
    const after = await poll(batch.id, etag);

    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).phase).toBe('cancelled');
  });

  it('serves the same snapshot a subscriber receives', async () => {
    const batch = await api.upload('same.csv', peopleCsv(4).csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const client = await RealtimeClient.connect(stack);

    try {
      const answer = await client.subscribe(batch.id);
      const polled = await (await poll(batch.id)).json();

      expect(answer.ok && answer.snapshot).toEqual(polled);
      expect(polled.progress).toEqual({
        stage: 'parsing',
        bytesRead: batch.fileSizeBytes,
        bytesTotal: batch.fileSizeBytes,
        records: 4,
        parseErrors: 0,
      });
    } finally {
      client.close();
    }
  });
});
