import type { LiveControlFollower } from './live-control';

/** Raised to every waiting sender when the batch must stop. */
export class BatchStoppedError extends Error {}

/**
 * Admits one request at a time into flight: never more than this chunk's share of the
 * concurrency, none while the batch is paused, and none at all once it must stop or the chunk
 * has halted.
 */
export class SendGate {
  private inFlight = 0;
  private isHalted = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly live: LiveControlFollower) {
    live.onChange(() => this.wakeAll());
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Resolves true once a request may leave, or false when this chunk has halted instead. */
  async enter(): Promise<boolean> {
    for (;;) {
      if (this.live.control === 'stop') throw new BatchStoppedError('The batch was stopped');
      if (this.isHalted) return false;
      if (this.live.control === 'run' && this.inFlight < this.live.concurrency) {
        this.inFlight += 1;
        return true;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  leave(): void {
    this.inFlight -= 1;
    // One slot freed, one waiter woken: waking every lane would make hundreds re-check and
    // sleep again per request (about a third of the worker's CPU at high rates).
    this.waiting.shift()?.();
  }

  /**
   * Lets no further request of this chunk leave, whatever the control says: a chunk that paused
   * itself ends, and its waiting requests must not wait for a resume that would restart it.
   */
  halt(): void {
    this.isHalted = true;
    this.wakeAll();
  }

  /** Wakes every waiter so each re-checks the control (also used on stop). */
  wakeAll(): void {
    this.waiting.splice(0).forEach((resolve) => resolve());
  }
}
