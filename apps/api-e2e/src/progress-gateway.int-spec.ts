import { setTimeout as sleep } from 'node:timers/promises';

import { ApiClient } from '../../../tools/testing/api-client';
import { seriesValue } from '../../../tools/testing/prometheus-text';
import { RealtimeClient } from '../../../tools/testing/realtime-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { peopleCsv } from './csv-fixtures';

describe('batch gateway', () => {
  let stack: SluiceStack;
  let api: ApiClient;
  const clients: RealtimeClient[] = [];
  const connect = async () => {
    const client = await RealtimeClient.connect(stack);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    stack = await startSluiceStack();
    api = new ApiClient(stack);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(() => stack?.stop());

  async function metric(name: string): Promise<number | undefined> {
    const response = await fetch(`${stack.apiUrl}/metrics`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });

    return seriesValue(await response.text(), name);
  }

  async function readsInASecond(): Promise<number> {
    const before = (await metric('sluice_api_watch_reads_total')) ?? 0;
    await sleep(1_000);

    return ((await metric('sluice_api_watch_reads_total')) ?? 0) - before;
  }

  /** Sockets of earlier tests close asynchronously; their rooms empty a moment later. */
  async function untilWatchedBatches(count: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while ((await metric('sluice_api_watched_batches')) !== count) {
      if (Date.now() > deadline) throw new Error(`Watched batches did not reach ${count}`);
      await sleep(50);
    }
  }

  it('refuses a connection without the token, saying why', async () => {
    const refusal = RealtimeClient.connect(stack, null);

    await expect(refusal).rejects.toMatchObject({
      message: 'A valid bearer token is required',
      data: { code: 'UNAUTHORIZED', message: 'A valid bearer token is required' },
    });
  });

  it('refuses a connection with a wrong token', async () => {
    await expect(RealtimeClient.connect(stack, `${stack.token}x`)).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });

  it('refuses a subscription to an unknown or malformed batch id, with a code', async () => {
    const client = await connect();

    const unknown = await client.subscribe('3f1c2b8e-9d4a-4c11-8f00-5a7b6c5d4e3f');
    const malformed = await client.subscribe('not-a-batch');

    expect(unknown).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'Batch 3f1c2b8e-9d4a-4c11-8f00-5a7b6c5d4e3f does not exist',
      },
    });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('gives a client that reconnects and subscribes again a fresh snapshot first', async () => {
    const batch = await api.upload('reconnect.csv', peopleCsv(5).csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const client = await connect();
    await client.subscribe(batch.id);
    const reconnected = new Promise<void>((resolve) =>
      client.socket.io.once('reconnect', () => resolve()),
    );

    client.socket.io.engine.close();
    await reconnected;
    const countBefore = client.received.length;
    const answer = await client.subscribe(batch.id);

    expect(answer).toMatchObject({
      ok: true,
      snapshot: { id: batch.id, phase: 'awaiting_approval', counts: { records: 5 } },
    });
    expect(client.received[countBefore].name).toBe('ack:subscribe');
  });

  it('stops sending events of a batch after unsubscribing', async () => {
    const batch = await api.upload('quiet.csv', peopleCsv(5).csv);
    const client = await connect();
    await client.subscribe(batch.id);
    await client.socket.timeout(5_000).emitWithAck('unsubscribe', { batchId: batch.id });
    const countAfter = client.received.length;

    await api.waitForPhase(batch.id, ['awaiting_approval']);
    const watcher = await connect();
    await watcher.subscribe(batch.id);
    await api.request('POST', `/api/batches/${batch.id}/cancel`);
    await watcher.waitFor((message) => message.payload?.phase === 'cancelled');

    expect(client.received.slice(countAfter)).toEqual([]);
  });

  it('reads a batch only while someone watches it', async () => {
    const batch = await api.upload('watched.csv', peopleCsv(5).csv);
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    await untilWatchedBatches(0);
    const client = await connect();

    await client.subscribe(batch.id);
    const whileWatched = {
      batches: await metric('sluice_api_watched_batches'),
      sockets: await metric('sluice_api_socket_connections'),
      reads: await readsInASecond(),
    };
    client.close();
    await untilWatchedBatches(0);
    const readsAfter = await readsInASecond();

    expect(whileWatched.batches).toBe(1);
    expect(whileWatched.sockets).toBe(1);
    // Ticks come every 250 ms while a batch that has not ended is watched.
    expect(whileWatched.reads).toBeGreaterThan(0);
    expect(readsAfter).toBe(0);
  });

  it('lists active batches to a dashboard and pushes their changes', async () => {
    const batch = await api.upload('dashboard.csv', peopleCsv(5).csv);
    const client = await connect();

    const answer = await client.subscribeList();
    await api.waitForPhase(batch.id, ['awaiting_approval']);
    await api.request('POST', `/api/batches/${batch.id}/cancel`);
    const update = await client.waitFor(
      (message) =>
        message.name === 'batch_list.updated' &&
        !message.payload.items.some((item: { id: string }) => item.id === batch.id),
    );

    expect(answer).toMatchObject({ ok: true });
    expect(answer.ok && answer.list.items.map((item) => item.id)).toContain(batch.id);
    expect(update.payload.total).toBe(update.payload.items.length);
  });
});
