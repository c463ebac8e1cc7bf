import { BatchView } from '@sluice/shared';

export type StepState = 'done' | 'current' | 'upcoming' | 'stopped';

/** One step of a batch's life as the stepper shows it. */
export interface PhaseStep {
  label: 'Parse' | 'Review' | 'Send' | 'Done';
  state: StepState;
  /** The step the batch is at: the working one, or Done once the batch has ended. */
  isCurrent: boolean;
  caption: string | null;
}

type Batch = Pick<BatchView, 'phase' | 'parsedAt' | 'approvedAt'>;

const LABELS = ['Parse', 'Review', 'Send', 'Done'] as const;
const REVIEW = 1;
const SEND = 2;
const DONE = 3;

/** The four steps of a batch, marking where it is, or where it stopped and why. */
export function phaseSteps(batch: Batch): PhaseStep[] {
  switch (batch.phase) {
    case 'parsing':
      return working(0);
    case 'awaiting_approval':
      return working(REVIEW);
    case 'sending':
      return working(SEND);
    case 'paused':
      return working(SEND, 'Paused');
    case 'completed':
      return ended(null, null);
    case 'completed_with_failures':
      return ended(null, 'With failures');
    case 'cancelled':
      return ended(stopStep(batch), 'Cancelled');
    case 'failed':
      return ended(stopStep(batch), 'Failed');
  }
}

function working(current: number, caption: string | null = null): PhaseStep[] {
  return LABELS.map((label, index) => ({
    label,
    state: index < current ? 'done' : index === current ? 'current' : 'upcoming',
    isCurrent: index === current,
    caption: index === current ? caption : null,
  }));
}

/** An ended batch: every step done, or stopped at `stop`, with Done carrying the outcome. */
function ended(stop: number | null, caption: string | null): PhaseStep[] {
  return LABELS.map((label, index) => {
    let state: StepState = 'done';
    if (stop !== null && index > stop) {
      state = index === DONE ? 'stopped' : 'upcoming';
    } else if (index === stop) {
      state = 'stopped';
    }

    return { label, state, isCurrent: index === DONE, caption: index === DONE ? caption : null };
  });
}

function stopStep(batch: Batch): number {
  if (!batch.parsedAt) {
    return 0;
  }

  return batch.approvedAt ? SEND : REVIEW;
}
