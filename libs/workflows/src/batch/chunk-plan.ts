import type { DeliverySettings } from '@sluice/shared';

/** Records per chunk activity: large enough to amortise an activity, small enough to retry. */
export const CHUNK_SIZE = 1_000;

/** Most chunks of one batch in flight at once; Temporal spreads them over the workers. */
export const MAX_PARALLEL_CHUNKS = 4;

/** A range of record sequence numbers, both ends included. */
export interface SeqRange {
  fromSeq: number;
  toSeq: number;
}

/** The range of the chunk starting at `nextSeq`, or null when every record is covered. */
export function nextChunk(nextSeq: number, recordCount: number): SeqRange | null {
  if (nextSeq > recordCount) return null;

  return { fromSeq: nextSeq, toSeq: Math.min(nextSeq + CHUNK_SIZE - 1, recordCount) };
}

/** Chunks still to start from `nextSeq` on. */
export function chunksLeft(nextSeq: number, recordCount: number): number {
  return Math.max(0, Math.ceil((recordCount - nextSeq + 1) / CHUNK_SIZE));
}

/**
 * How many chunks run at once: never more than the batch's concurrency allows, nor than there
 * are chunks to run, so a batch of one chunk gets the whole rate.
 */
export function parallelChunks(settings: DeliverySettings, chunksToRun: number): number {
  return Math.max(1, Math.min(MAX_PARALLEL_CHUNKS, settings.concurrency, chunksToRun));
}

/**
 * Each running chunk gets an equal share of the batch's rate and concurrency, so the batch as a
 * whole never exceeds its settings however many workers serve it. Shares only grow as chunks
 * run out: a chunk started when n chunks were left shares with at most n - 1 others.
 */
export function chunkShare(settings: DeliverySettings, parallel: number): DeliverySettings {
  return {
    ...settings,
    ratePerSecond: settings.ratePerSecond / parallel,
    concurrency: Math.max(1, Math.floor(settings.concurrency / parallel)),
  };
}
