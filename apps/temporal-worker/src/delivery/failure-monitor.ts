import { AUTO_PAUSE_REASON_PREFIX, type DeliverySettings } from '@sluice/shared';

/**
 * Watches this chunk's recent attempts and says when failures pile up: a share of the last
 * window, or a run in a row. The batch then pauses for an operator instead of hammering.
 */
export class FailureMonitor {
  private readonly window: boolean[] = [];
  private failuresInWindow = 0;
  private failuresInARow = 0;

  constructor(
    private readonly settings: Pick<
      DeliverySettings,
      'autoPauseFailureRatio' | 'autoPauseWindow' | 'autoPauseConsecutiveFailures'
    >,
  ) {}

  /** Records an attempt; returns the reason to pause, or null. */
  record(isFailure: boolean): string | null {
    this.window.push(isFailure);
    this.failuresInWindow += isFailure ? 1 : 0;
    if (this.window.length > this.settings.autoPauseWindow) {
      this.failuresInWindow -= this.window.shift() ? 1 : 0;
    }
    this.failuresInARow = isFailure ? this.failuresInARow + 1 : 0;

    const limit = this.settings.autoPauseConsecutiveFailures;
    if (limit > 0 && this.failuresInARow >= limit) {
      return `${AUTO_PAUSE_REASON_PREFIX}: ${this.failuresInARow} attempts failed in a row`;
    }
    const isWindowFull = this.window.length >= this.settings.autoPauseWindow;
    const ratio = this.failuresInWindow / this.window.length;
    if (this.settings.autoPauseFailureRatio < 1 && isWindowFull) {
      if (ratio >= this.settings.autoPauseFailureRatio) {
        const percent = Math.round(ratio * 100);
        const share = `${percent}% of the last ${this.window.length} attempts failed`;
        return `${AUTO_PAUSE_REASON_PREFIX}: ${share}`;
      }
    }

    return null;
  }
}
