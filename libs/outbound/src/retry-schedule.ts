import type { DeliverySettings } from '@sluice/shared';

const TRANSIENT_STATUS_CODES: ReadonlySet<number> = new Set([408, 425, 429]);

/** Whether an HTTP status calls for another attempt (unless configured as permanent). */
export function isTransientStatus(statusCode: number): boolean {
  return statusCode >= 500 || TRANSIENT_STATUS_CODES.has(statusCode);
}

/**
 * Whether an answer ends the delivery as failed without another attempt: a status the batch
 * lists as permanent, or any other status that is neither success nor transient.
 */
export function isPermanentStatus(statusCode: number, permanentStatusCodes: number[]): boolean {
  if (permanentStatusCodes.includes(statusCode)) return true;

  return statusCode >= 300 && !isTransientStatus(statusCode);
}

/**
 * Delay before the attempt after `attemptNumber`: exponential backoff with full jitter, so many
 * failing deliveries do not retry in step. A `Retry-After` the endpoint sent wins, up to the cap.
 */
export function delayBeforeNextAttempt(
  attemptNumber: number,
  retryAfterMs: number | null,
  settings: Pick<DeliverySettings, 'backoffBaseMs' | 'backoffCapMs'>,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, settings.backoffCapMs);
  const ceiling = Math.min(
    settings.backoffCapMs,
    settings.backoffBaseMs * 2 ** (attemptNumber - 1),
  );

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
