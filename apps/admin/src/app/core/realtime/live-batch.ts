import { BatchProgress, BatchView, ParsingProgress, SendingProgress } from '@sluice/shared';

/**
 * What a page knows about a batch: a snapshot from the live feed, or the answer to the
 * operator's last command, which is a plain view without live progress.
 */
export type LiveBatch = BatchView & { progress?: BatchProgress };

type NumericKeys<T> = { [K in keyof T]-?: T[K] extends number | null ? K : never }[keyof T];

/** A parsing figure, or null outside parsing or when the API did not send one. */
export function parsingFigure(batch: LiveBatch, name: NumericKeys<ParsingProgress>): number | null {
  return batch.progress?.stage === 'parsing' ? batch.progress[name] : null;
}

/** A sending figure, or null before sending or when the API does not know it. */
export function sendingFigure(batch: LiveBatch, name: NumericKeys<SendingProgress>): number | null {
  return batch.progress?.stage === 'sending' ? batch.progress[name] : null;
}
