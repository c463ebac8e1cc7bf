interface FailureWindow {
  startedAt: number;
  failureCount: number;
}

/** Above this many tracked addresses, expired windows are swept before a new one is added. */
const SWEEP_THRESHOLD = 10_000;

/**
 * Counts refused sign-ins (a missing or wrong token, over HTTP or Socket.IO) per client address
 * in fixed windows. An address over the limit is refused before its token is even compared, so
 * guessing gains nothing until the window ends. Accepted tokens never count.
 *
 * LIMITATION: the counts live in this API process. With several API replicas each keeps its
 * own, so an attacker spread over N replicas gets N times the limit; a shared limiter
 * (PostgreSQL or the proxy in front) would be needed to hold the limit exactly.
 */
export class SignInLimiter {
  private readonly windows = new Map<string, FailureWindow>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the address may try again, or null when it may try now. */
  retryAfterSeconds(address: string): number | null {
    const window = this.current(address);
    if (!window || window.failureCount < this.limit) return null;
    const endsAt = window.startedAt + this.windowMs;

    return Math.max(1, Math.ceil((endsAt - this.now()) / 1_000));
  }

  recordFailure(address: string): void {
    const window = this.current(address);
    if (window) {
      window.failureCount += 1;
      return;
    }
    if (this.windows.size >= SWEEP_THRESHOLD) this.sweep();
    this.windows.set(address, { startedAt: this.now(), failureCount: 1 });
  }

  private current(address: string): FailureWindow | undefined {
    const window = this.windows.get(address);
    if (window && this.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(address);
      return undefined;
    }

    return window;
  }

  private sweep(): void {
    for (const address of [...this.windows.keys()]) this.current(address);
  }
}
