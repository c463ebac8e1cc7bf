import { DELIVERY_DEFAULTS } from '@sluice/shared';

import { CHUNK_SIZE, chunksLeft, chunkShare, nextChunk, parallelChunks } from './chunk-plan';

describe('nextChunk', () => {
  it('covers a full chunk from the next sequence number', () => {
    expect(nextChunk(1, 5_000)).toEqual({ fromSeq: 1, toSeq: CHUNK_SIZE });
  });

  it('stops the last chunk at the last record', () => {
    expect(nextChunk(4_501, 5_000)).toEqual({ fromSeq: 4_501, toSeq: 5_000 });
  });

  it('returns null when every record is covered', () => {
    expect(nextChunk(5_001, 5_000)).toBeNull();
  });
});

describe('chunkShare', () => {
  it('splits rate and concurrency so the batch total stays within its settings', () => {
    const settings = { ...DELIVERY_DEFAULTS, ratePerSecond: 200, concurrency: 10 };
    const parallel = parallelChunks(settings, 10);

    const share = chunkShare(settings, parallel);

    expect(share.ratePerSecond * parallel).toBeCloseTo(200);
    expect(share.concurrency * parallel).toBeLessThanOrEqual(10);
  });

  it('runs one chunk at a time when the batch allows one request in flight', () => {
    expect(parallelChunks({ ...DELIVERY_DEFAULTS, concurrency: 1 }, 10)).toBe(1);
  });

  it('gives a batch of one chunk the whole rate', () => {
    const settings = { ...DELIVERY_DEFAULTS, ratePerSecond: 200, concurrency: 8 };

    const share = chunkShare(settings, parallelChunks(settings, chunksLeft(1, 1_000)));

    expect(share.ratePerSecond).toBe(200);
  });
});
