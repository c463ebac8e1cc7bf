import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces request starts evenly at a rate that may change while sending. Slots never accumulate
 * while idle, so a pause is not followed by a burst.
 */
export class Pacer {
  private nextSlotAt = 0;
  private intervalMs: number;

  constructor(ratePerSecond: number) {
    this.intervalMs = 1_000 / ratePerSecond;
  }

  setRate(ratePerSecond: number): void {
    this.intervalMs = 1_000 / ratePerSecond;
  }

  /** Resolves when the caller may start its request; rejects if the signal aborts first. */
  async waitForSlot(signal: AbortSignal): Promise<void> {
    const now = performance.now();
    const slotAt = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slotAt + this.intervalMs;
    if (slotAt > now) await sleep(slotAt - now, undefined, { signal });
  }
}
