import { DELIVERY_DEFAULTS } from '@sluice/shared';

import { MAX_PARALLEL_CHUNKS, parallelChunks } from './chunk-plan';

describe('parallelChunks', () => {
  it('runs at most the maximum number of chunks side by side', () => {
    expect(parallelChunks({ ...DELIVERY_DEFAULTS, concurrency: 64 }, 100)).toBe(
      MAX_PARALLEL_CHUNKS,
    );
  });

  it('runs one chunk at a time when the batch allows one request in flight', () => {
    expect(parallelChunks({ ...DELIVERY_DEFAULTS, concurrency: 1 }, 10)).toBe(1);
  });

  it('gives a batch of one chunk the whole rate', () => {
    expect(parallelChunks({ ...DELIVERY_DEFAULTS, concurrency: 8 }, 1)).toBe(1);
  });
});
