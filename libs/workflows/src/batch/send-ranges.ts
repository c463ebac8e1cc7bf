import { condition, workflowInfo } from '@temporalio/workflow';

import type { DeliverySettings } from '@sluice/shared';

import type { ChunkSummary, DeliverChunkInput, SeqRange } from '../activity-contracts';
import { parallelChunks } from './chunk-plan';

/** What the sending loop needs from the run it belongs to. */
export interface SendingContext {
  ranges: SeqRange[];
  settings(): DeliverySettings;
  isPaused(): boolean;
  /** Changes whenever pause, resume or settings change, to wake the loop. */
  version(): number;
  startChunk(input: Omit<DeliverChunkInput, 'batchId' | 'endpointConfigId'>): Promise<ChunkSummary>;
  onAutoPause(reason: string): void;
}

/**
 * Sends every range, a few chunks side by side, holding new chunks while paused. Returns
 * 'continue' when the run should continue as new (no chunk running), 'done' when all is sent.
 */
export async function sendRanges(context: SendingContext): Promise<'done' | 'continue'> {
  const running = new Set<Promise<void>>();
  // Chunk failures are kept rather than left to reject, so no sibling's rejection goes
  // unobserved (an unhandled rejection would fail the workflow task, not the batch).
  let failure: unknown;
  for (;;) {
    const isSuggested = workflowInfo().continueAsNewSuggested;
    while (!context.isPaused() && !isSuggested && context.ranges.length > 0) {
      const parallel = parallelChunks(context.settings(), running.size + context.ranges.length);
      if (running.size >= parallel) break;
      const range = context.ranges.shift() as SeqRange;
      const chunk: Promise<void> = context
        .startChunk({ ...range, parallelChunks: parallel, settings: context.settings() })
        .then(
          (summary) => {
            running.delete(chunk);
            if (summary.isComplete) return;
            context.ranges.unshift(range);
            if (summary.autoPauseReason) context.onAutoPause(summary.autoPauseReason);
          },
          (error: unknown) => {
            running.delete(chunk);
            failure ??= error;
          },
        );
      running.add(chunk);
    }
    if (failure !== undefined) throw failure;
    if (running.size === 0 && context.ranges.length === 0) return 'done';
    if (running.size === 0 && isSuggested && !context.isPaused()) return 'continue';
    const seen = context.version();
    try {
      await Promise.race([...running, condition(() => context.version() !== seen)]);
    } catch (error) {
      // Cancelled: wait until every chunk has stopped, so nothing is sent after the run ends.
      await Promise.all(running);
      throw error;
    }
  }
}
