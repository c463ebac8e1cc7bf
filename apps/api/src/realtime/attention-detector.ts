import { isAutoPauseReason, type AttentionKind, type BatchSnapshot } from '@sluice/shared';

/** Failures inside this window are looked at together. */
const BURST_WINDOW_MS = 10_000;
/** A burst needs at least this many failures in the window... */
const BURST_MIN_FAILURES = 10;
/** ...making up at least this share of the outcomes stored in it. */
const BURST_MIN_SHARE = 0.5;
/** After a burst notice, the next waits this long, so a failing endpoint is not a flood. */
const BURST_QUIET_MS = 60_000;

/** Something an operator should look at, before it becomes an event. */
export interface AttentionNotice {
  kind: AttentionKind;
  message: string;
  count: number | null;
}

interface OutcomeSample {
  atMs: number;
  failed: number;
  finished: number;
}

/** Compares each snapshot of one batch with the one before and says what needs attention. */
export class AttentionDetector {
  private readonly samples: OutcomeSample[] = [];
  private quietUntilMs = 0;

  observe(previous: BatchSnapshot | null, current: BatchSnapshot, nowMs: number) {
    const notices: AttentionNotice[] = [];
    if (previous && previous.phase !== current.phase) {
      if (current.phase === 'paused' && isAutoPauseReason(current.reason)) {
        notices.push({ kind: 'auto_paused', message: current.reason ?? '', count: null });
      }
      const { parseErrors } = current.counts;
      if (previous.phase === 'parsing' && parseErrors > 0) {
        const message =
          parseErrors === 1
            ? '1 row could not be parsed; review it before approving'
            : `${parseErrors} rows could not be parsed; review them before approving`;
        notices.push({ kind: 'parse_errors_found', message, count: parseErrors });
      }
    }
    const burst = this.failureBurst(current, nowMs);
    if (burst) notices.push(burst);

    return notices;
  }

  private failureBurst(current: BatchSnapshot, nowMs: number): AttentionNotice | null {
    if (current.phase !== 'sending') {
      this.samples.length = 0;
      return null;
    }
    const { failed, succeeded } = current.counts;
    this.samples.push({ atMs: nowMs, failed, finished: failed + succeeded });
    while (this.samples.length > 1 && this.samples[0].atMs < nowMs - BURST_WINDOW_MS) {
      this.samples.shift();
    }
    const first = this.samples[0];
    const newFailures = failed - first.failed;
    const newOutcomes = failed + succeeded - first.finished;
    if (nowMs < this.quietUntilMs || newFailures < BURST_MIN_FAILURES) return null;
    if (newFailures < newOutcomes * BURST_MIN_SHARE) return null;
    this.quietUntilMs = nowMs + BURST_QUIET_MS;
    const seconds = Math.max(1, Math.round((nowMs - first.atMs) / 1_000));
    const secondsText = seconds === 1 ? 'second' : `${seconds} seconds`;

    return {
      kind: 'failure_burst',
      message: `${newFailures} deliveries failed for good in the last ${secondsText}`,
      count: newFailures,
    };
  }
}
