/** Every phase a batch can be in, in the order a successful batch passes through them. */
export const BATCH_PHASES = [
  'parsing',
  'awaiting_approval',
  'sending',
  'paused',
  'completed',
  'completed_with_failures',
  'cancelled',
  'failed',
] as const;

/** Where a batch is in its life; see the glossary in STYLE.md. */
export type BatchPhase = (typeof BATCH_PHASES)[number];

const TERMINAL_PHASES: ReadonlySet<BatchPhase> = new Set([
  'completed',
  'completed_with_failures',
  'cancelled',
  'failed',
]);

/** Whether a batch in this phase will never change phase again on its own. */
export function isTerminalPhase(phase: BatchPhase): boolean {
  return TERMINAL_PHASES.has(phase);
}

/** Whether a string names a batch phase (used to validate query parameters). */
export function isBatchPhase(value: string): value is BatchPhase {
  return (BATCH_PHASES as readonly string[]).includes(value);
}
