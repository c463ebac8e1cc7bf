import { setTimeout as sleep } from 'node:timers/promises';

import type {
  BatchRepository,
  DeliveryRepository,
  EndpointConfigRepository,
  RateBucketRepository,
} from '@sluice/persistence';
import type { WebhookClient } from '@sluice/outbound';
import { DELIVERY_DEFAULTS } from '@sluice/shared';

import { WorkerMetrics } from '../metrics/worker-metrics';
import { ChunkSender } from './chunk-sender';
import { CONTROL_POLL_MS } from './live-control';

const settings = { ...DELIVERY_DEFAULTS, ratePerSecond: 1_000, concurrency: 8 };
const live = { ratePerSecond: 1_000, concurrency: 8, recordsPerRequest: 1, control: 'run' };

const RECORDS = 200;

/** An answer of the receiver after `durationMs`. */
function answer(statusCode: number, durationMs = 20) {
  return {
    startedAt: new Date(),
    durationMs,
    statusCode,
    errorCode: statusCode < 300 ? null : 'HTTP_STATUS',
    isRetryable: statusCode >= 500,
    retryAfterMs: null,
    responseExcerpt: null,
  };
}

/**
 * A sender for one chunk of 200 records over fakes of what it reads and writes: `send` answers
 * the nth request, and the batch's control follows what the sender itself sets, as the row does.
 */
function chunkSender(send: (requestNumber: number) => Promise<ReturnType<typeof answer>>) {
  const sent: number[] = [];
  const control = { ...live };
  const batches = {
    findById: async () => ({ format: { columns: ['id'] } }),
    readLiveControl: async () => ({ ...control }),
    setControl: async (_batchId: string, next: string) => void (control.control = next),
  };
  const deliveries = {
    createInRange: async () => undefined,
    findOpenInRange: async () =>
      Array.from({ length: RECORDS }, (_, index) => ({
        deliveryId: `d-${index}`,
        seq: index + 1,
        lineNumber: index + 2,
        fields: [String(index + 1)],
        attemptCount: 0,
      })),
    saveOutcomes: async () => undefined,
  };
  const endpointConfigs = {
    open: async () => ({ id: 'e', url: 'http://127.0.0.1:1/hooks', headers: {}, secret: 'whsec_' }),
  };
  const rateBuckets = {
    take: async () => ({ granted: 5, waitMs: 0, ratePerSecond: 1_000 }),
  };
  const client = {
    send: async () => {
      sent.push(Date.now());
      return send(sent.length);
    },
  };
  const sender = new ChunkSender(
    batches as unknown as BatchRepository,
    deliveries as unknown as DeliveryRepository,
    endpointConfigs as unknown as EndpointConfigRepository,
    rateBuckets as unknown as RateBucketRepository,
    client as unknown as WebhookClient,
    new WorkerMetrics(),
  );

  return { sender, sent, control };
}

/** A chunk of 200 records whose `failingRequest`th request throws (a bug, say). */
function senderFailingAt(failingRequest: number) {
  return chunkSender(async (requestNumber) => {
    if (requestNumber === failingRequest) throw new Error('Unexpected failure');
    await sleep(20);
    return answer(204);
  });
}

const chunkInput = (chunkSettings = settings) => ({
  batchId: 'b',
  endpointConfigId: 'e',
  fromSeq: 1,
  toSeq: RECORDS,
  parallelChunks: 1,
  settings: chunkSettings,
});

const context = () => ({ heartbeat: () => undefined, signal: new AbortController().signal });

describe(ChunkSender.name, () => {
  it('fails the attempt and sends nothing more when one request fails unexpectedly', async () => {
    const { sender, sent } = senderFailingAt(30);

    await expect(sender.deliverChunk(chunkInput(), context())).rejects.toThrow(
      'Unexpected failure',
    );
    const sentWhenFailed = sent.length;
    await sleep(500);

    expect(sentWhenFailed).toBeGreaterThan(0);
    expect(sentWhenFailed).toBeLessThan(RECORDS);
    expect(sent.length).toBe(sentWhenFailed);
  }, 20_000);

  it('ends once it paused itself, though most of its requests still wait for a slot', async () => {
    const { sender, sent, control } = chunkSender(async () => {
      await sleep(20);
      return answer(410);
    });
    const tripAfter = 5;
    const input = chunkInput({ ...settings, autoPauseConsecutiveFailures: tripAfter });

    const summary = await Promise.race([
      sender.deliverChunk(input, context()),
      sleep(5_000).then(() => null),
    ]);
    const sentWhenDone = sent.length;
    await sleep(2 * CONTROL_POLL_MS);

    expect(summary?.autoPauseReason).toContain('Paused automatically');
    expect(summary?.isComplete).toBe(false);
    expect(control.control).toBe('pause');
    // The requests already in flight when it tripped finish; none starts after.
    expect(sentWhenDone).toBeLessThan(tripAfter + settings.concurrency);
    expect(sent.length).toBe(sentWhenDone);
  }, 20_000);
});
