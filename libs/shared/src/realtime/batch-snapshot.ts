import type { BatchView } from '../api/api-types';

/** How far parsing has come; shown while parsing and until the batch is approved. */
export interface ParsingProgress {
  stage: 'parsing';
  bytesRead: number;
  bytesTotal: number;
  records: number;
  parseErrors: number;
}

/** How far sending has come; shown from approval on, while paused and once the batch ends. */
export interface SendingProgress {
  stage: 'sending';
  /** Records the batch delivers. */
  total: number;
  /** Deliveries that succeeded. */
  sent: number;
  /** Deliveries that failed for good (retries exhausted or refused). */
  failed: number;
  /** Deliveries without a final outcome yet: `total - sent - failed`. */
  pending: number;
  /** Deliveries stored with status `in_flight`: started, awaiting a further attempt. */
  inFlight: number;
  /** Outcomes stored per second over the last few seconds; null when not sending. */
  actualRatePerSecond: number | null;
  /** The rate limit the workflow sends at now; null before approval. */
  configuredRatePerSecond: number | null;
  /** Seconds until every pending delivery is done at the actual rate; null when unknown. */
  etaSeconds: number | null;
}

/** Progress of the stage a batch is in: parsing until approval, sending afterwards. */
export type BatchProgress = ParsingProgress | SendingProgress;

/**
 * A batch with its live progress: what `GET /api/batches/:id` answers, what a subscription's
 * acknowledgement carries and what `batch.progressed` pushes. One shape for push and poll.
 */
export interface BatchSnapshot extends BatchView {
  progress: BatchProgress;
}
