import type { DeliverySettings } from '@sluice/shared';

/** Records per chunk activity: large enough to amortise an activity, small enough to retry. */
export const CHUNK_SIZE = 1_000;

/** Most chunks of one batch in flight at once; Temporal spreads them over the workers. */
export const MAX_PARALLEL_CHUNKS = 4;

/**
 * How many chunks run at once: never more than the batch's concurrency allows, nor than there
 * are chunks to run, so a batch of one chunk gets the whole rate.
 */
export function parallelChunks(settings: DeliverySettings, chunksToRun: number): number {
  return Math.max(1, Math.min(MAX_PARALLEL_CHUNKS, settings.concurrency, chunksToRun));
}
