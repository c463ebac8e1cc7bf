import { setTimeout as sleep } from 'node:timers/promises';

import type { RateBucketRepository, RateGrant } from '@sluice/persistence';

/** Share of a second's rate asked for in one grant: few database round trips, fine pacing. */
const GRANT_SECONDS = 0.05;
/** Tries of one grant, 250 ms apart and more: rides out a dropped PostgreSQL session. */
const TAKE_ATTEMPTS = 4;
const TAKE_RETRY_MS = 250;
/**
 * How early a request may start before its slot. Timers cannot wait less than a millisecond,
 * so at high rates every request slept that long, and one timer per request cost more CPU
 * than the request. The slots still advance one by one, so the rate over time is unchanged.
 */
const EARLY_START_MS = 1;

/**
 * Paces this chunk's request starts by the batch's shared token bucket: it draws small grants
 * and spends them evenly at the batch's rate, so many chunks together keep to the rate.
 */
export class RateLimiter {
  private tokens = 0;
  private ratePerSecond = 1;
  private nextSlotAt = 0;
  private refilling: Promise<void> | null = null;

  constructor(
    private readonly buckets: RateBucketRepository,
    private readonly batchId: string,
  ) {}

  /** Resolves when the caller may start one request; rejects if the signal aborts first. */
  async acquire(signal: AbortSignal): Promise<void> {
    while (this.tokens < 1) {
      this.refilling ??= this.refill(signal).finally(() => (this.refilling = null));
      await this.refilling;
      signal.throwIfAborted();
    }
    this.tokens -= 1;
    const now = performance.now();
    const slotAt = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slotAt + 1_000 / this.ratePerSecond;
    if (slotAt - now > EARLY_START_MS) await sleep(slotAt - now, undefined, { signal });
  }

  private async refill(signal: AbortSignal): Promise<void> {
    const wanted = Math.max(1, Math.ceil(this.ratePerSecond * GRANT_SECONDS));
    const grant = await this.take(wanted, signal);
    this.ratePerSecond = Math.max(grant.ratePerSecond, 0.001);
    this.tokens += grant.granted;
    if (grant.granted === 0) await sleep(Math.max(5, grant.waitMs), undefined, { signal });
  }

  private async take(wanted: number, signal: AbortSignal): Promise<RateGrant> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.buckets.take(this.batchId, wanted);
      } catch (error) {
        // A session ended under us (restart, failover, pg_terminate_backend): the pool opens a
        // new one for the next query. A longer outage fails the chunk, which Temporal retries.
        if (attempt >= TAKE_ATTEMPTS) throw error;
        await sleep(TAKE_RETRY_MS * attempt, undefined, { signal });
      }
    }
  }
}
