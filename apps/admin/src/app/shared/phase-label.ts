import { BatchPhase } from '@sluice/shared';

const LABELS: Readonly<Record<BatchPhase, string>> = {
  parsing: 'Parsing',
  awaiting_approval: 'Awaiting approval',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Completed',
  completed_with_failures: 'Completed with failures',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/** The phase as operators read it. */
export function phaseLabel(phase: BatchPhase): string {
  return LABELS[phase];
}
