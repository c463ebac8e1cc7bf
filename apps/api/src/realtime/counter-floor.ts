import type { BatchEntity } from '@sluice/persistence';
import { isTerminalPhase } from '@sluice/shared';

const COUNTERS = [
  'bytesParsed',
  'recordCount',
  'parseErrorCount',
  'succeededCount',
  'failedCount',
] as const;

type Counted = Pick<BatchEntity, 'phase' | (typeof COUNTERS)[number]>;

/**
 * Keeps the counters a subscriber sees from going backwards within a pass: a retried parse
 * resumes from its last checkpoint and may briefly store lower figures than it stored before.
 * A batch that leaves a terminal phase starts a new pass, whose counters may start lower.
 */
export class CounterFloor {
  private floor: Counted | null = null;

  apply<T extends Counted>(batch: T): T {
    const previous = this.floor;
    const isNewPass =
      previous !== null && isTerminalPhase(previous.phase) && !isTerminalPhase(batch.phase);
    const raised = { ...batch };
    if (previous && !isNewPass) {
      for (const counter of COUNTERS) raised[counter] = Math.max(previous[counter], batch[counter]);
    }
    this.floor = raised;

    return raised;
  }
}
