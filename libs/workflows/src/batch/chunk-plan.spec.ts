import { DELIVERY_DEFAULTS } from '@sluice/shared';

import { CHUNK_SIZE, chunkShare, nextChunk, parallelChunks } from './chunk-plan';

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
    const parallel = parallelChunks(settings);

    const share = chunkShare(settings, parallel);

    expect(share.ratePerSecond * parallel).toBeCloseTo(200);
    expect(share.concurrency * parallel).toBeLessThanOrEqual(10);
  });

  it('runs one chunk at a time when the batch allows one request in flight', () => {
    expect(parallelChunks({ ...DELIVERY_DEFAULTS, concurrency: 1 })).toBe(1);
  });
});
