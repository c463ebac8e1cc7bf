import type { RetryPolicy } from '@temporalio/common';

/** Failure types that no retry can fix; activities raise them as non-retryable. */
export const PERMANENT_FAILURE_TYPES = ['FILE_UNREADABLE', 'ENDPOINT_CONFIG_MISSING'] as const;

/**
 * Failure types of a parse that refuses the file (always non-retryable): `refusedUnchanged`
 * when it stopped before touching the batch's records, `refused` when it stopped part way.
 */
export const PARSE_FAILURE_TYPES = {
  refusedUnchanged: 'FILE_FORMAT_REFUSED',
  refused: 'FILE_REFUSED',
} as const;

/** Bookkeeping against PostgreSQL: short waits, since the database is usually back quickly. */
export const BOOKKEEPING_RETRY: RetryPolicy = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  nonRetryableErrorTypes: [...PERMANENT_FAILURE_TYPES],
};

/** Parsing resumes from its heartbeat checkpoint, so retrying costs little. */
export const PARSE_RETRY: RetryPolicy = {
  initialInterval: '2s',
  backoffCoefficient: 2,
  maximumInterval: '1m',
  maximumAttempts: 20,
  nonRetryableErrorTypes: [...PERMANENT_FAILURE_TYPES],
};

/**
 * A chunk only sends deliveries that are not final yet, so a retried chunk never repeats a
 * finished one. Attempts against the endpoint are retried inside the chunk, not here.
 */
export const CHUNK_RETRY: RetryPolicy = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  nonRetryableErrorTypes: [...PERMANENT_FAILURE_TYPES],
};
