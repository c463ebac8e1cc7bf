/** What a `batch.attention_needed` event is about. */
export const ATTENTION_KINDS = ['auto_paused', 'failure_burst', 'parse_errors_found'] as const;

/** See {@link ATTENTION_KINDS}. */
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/**
 * Start of the `batches.reason` the worker writes when it pauses a batch by itself; an
 * operator's pause uses other words, so the gateway tells the two apart by this prefix.
 */
export const AUTO_PAUSE_REASON_PREFIX = 'Paused automatically';

/** Whether a pause reason says the batch paused by itself rather than by an operator. */
export function isAutoPauseReason(reason: string | null): boolean {
  return reason?.startsWith(AUTO_PAUSE_REASON_PREFIX) ?? false;
}
