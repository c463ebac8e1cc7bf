/** Status codes that no retry will fix; the delivery fails at once. */
export const PERMANENT_STATUS_CODES: ReadonlySet<number> = new Set([
  400, 401, 403, 404, 405, 410, 413, 422,
]);

const TRANSIENT_STATUS_CODES: ReadonlySet<number> = new Set([408, 425, 429]);

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;

/** Whether an HTTP status calls for another attempt. */
export function isTransientStatus(statusCode: number): boolean {
  return statusCode >= 500 || TRANSIENT_STATUS_CODES.has(statusCode);
}

/** Whether an HTTP status ends the delivery as failed without another attempt. */
export function isPermanentStatus(statusCode: number): boolean {
  return (
    !isTransientStatus(statusCode) && (statusCode >= 300 || PERMANENT_STATUS_CODES.has(statusCode))
  );
}

/**
 * Delay before the attempt after `attemptNumber`: exponential backoff with full jitter, so many
 * failing deliveries do not retry in step. A `Retry-After` the endpoint sent wins, within the cap.
 */
export function delayBeforeNextAttempt(
  attemptNumber: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, BACKOFF_CAP_MS);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attemptNumber - 1));

  return Math.round(random() * ceiling);
}

/** Reads `Retry-After` in either form (seconds, or an HTTP date) as milliseconds from now. */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now(),
): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);

  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
