import type { DeliverySettings } from '@sluice/shared';

/**
 * Records per chunk activity unless the worker is configured otherwise: large enough that the
 * pause between one chunk and the next is a small share of its time, small enough to retry.
 */
export const DEFAULT_CHUNK_SIZE = 5_000;

/** Most chunks of one batch in flight at once; Temporal spreads them over the workers. */
export const MAX_PARALLEL_CHUNKS = 4;

/**
 * How many chunks run at once: never more than the batch's concurrency allows, nor than there
 * are chunks to run, so a batch of one chunk gets the whole rate.
 */
export function parallelChunks(settings: DeliverySettings, chunksToRun: number): number {
  return Math.max(1, Math.min(MAX_PARALLEL_CHUNKS, settings.concurrency, chunksToRun));
}
