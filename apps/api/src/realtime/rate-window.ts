/** How far back the actual rate looks. */
export const RATE_WINDOW_MS = 5_000;
/** Shorter spans give rates that jump with every bulk write, so none is reported. */
const MIN_SPAN_MS = 1_000;
/** A lower count this soon after a higher one comes from an overlapping read finishing late. */
const OVERLAP_MS = 1_000;
/**
 * Outcomes are stored in bulk about every 500 ms, so between writes the count stands still.
 * The rate is measured up to the last change; only a longer standstill makes it fall.
 */
export const STALL_MS = 1_000;

interface Sample {
  atMs: number;
  finished: number;
}

/** Samples of (time, outcomes stored) over the last seconds, giving the actual sending rate. */
export class RateWindow {
  private readonly samples: Sample[] = [];
  private changedAtMs = 0;

  add(atMs: number, finished: number): void {
    const last = this.samples.at(-1);
    if (last && finished < last.finished) {
      if (atMs - last.atMs < OVERLAP_MS) return;
      // Counters that stay lower mean a retry pass reopened failed deliveries: start over.
      this.samples.length = 0;
    }
    if (!last || finished !== last.finished) this.changedAtMs = atMs;
    this.samples.push({ atMs, finished });
    // One sample at or before the window's start stays, so the rate spans the whole window.
    while (this.samples.length > 2 && this.samples[1].atMs <= atMs - RATE_WINDOW_MS) {
      this.samples.shift();
    }
  }

  /** Outcomes per second across the window; null until it spans at least a second. */
  ratePerSecond(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last) return null;
    const endMs = last.atMs - this.changedAtMs <= STALL_MS ? this.changedAtMs : last.atMs;
    const spanMs = endMs - first.atMs;
    if (last.atMs - first.atMs < MIN_SPAN_MS || spanMs <= 0) return null;

    return ((last.finished - first.finished) * 1_000) / spanMs;
  }
}
