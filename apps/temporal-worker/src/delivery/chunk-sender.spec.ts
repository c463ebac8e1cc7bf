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

const settings = { ...DELIVERY_DEFAULTS, ratePerSecond: 1_000, concurrency: 8 };
const live = { ratePerSecond: 1_000, concurrency: 8, recordsPerRequest: 1, control: 'run' };

/** A chunk of 200 records whose `failingRequest`th request throws (a bug, say). */
function senderFailingAt(failingRequest: number) {
  const sent: number[] = [];
  const batches = {
    findById: async () => ({ format: { columns: ['id'] } }),
    readLiveControl: async () => live,
    setControl: async () => undefined,
  };
  const deliveries = {
    createInRange: async () => undefined,
    findOpenInRange: async () =>
      Array.from({ length: 200 }, (_, index) => ({
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
      if (sent.length === failingRequest) throw new Error('Unexpected failure');
      await sleep(20);
      return {
        startedAt: new Date(),
        durationMs: 20,
        statusCode: 204,
        errorCode: null,
        isRetryable: false,
        retryAfterMs: null,
        responseExcerpt: null,
      };
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

  return { sender, sent };
}

describe(ChunkSender.name, () => {
  it('fails the attempt and sends nothing more when one request fails unexpectedly', async () => {
    const { sender, sent } = senderFailingAt(30);
    const input = {
      batchId: 'b',
      endpointConfigId: 'e',
      fromSeq: 1,
      toSeq: 200,
      parallelChunks: 1,
      settings,
    };

    await expect(
      sender.deliverChunk(input, {
        heartbeat: () => undefined,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow('Unexpected failure');
    const sentWhenFailed = sent.length;
    await sleep(500);

    expect(sentWhenFailed).toBeGreaterThan(0);
    expect(sentWhenFailed).toBeLessThan(200);
    expect(sent.length).toBe(sentWhenFailed);
  }, 20_000);
});
