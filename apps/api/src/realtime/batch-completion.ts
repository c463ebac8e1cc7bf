import {
  isTerminalPhase,
  type BatchCompletedEvent,
  type BatchPhase,
  type BatchSnapshot,
} from '@sluice/shared';

/** Counts must hold this long after a cancellation or failure before they are called final. */
const STEADY_MS = 1_000;
/** ...but no longer than this after the terminal phase was stored. */
const SETTLE_LIMIT_MS = 5_000;
const FINISHED_PHASES: ReadonlySet<BatchPhase> = new Set(['completed', 'completed_with_failures']);

/**
 * Decides when a batch's `batch.completed` event goes out: once per end, only for a batch that
 * was seen running. A completed batch's counts are final when its phase is stored (every chunk
 * has finished); a cancelled one's chunks may still store outcomes, so its counts must settle.
 */
export class BatchCompletion {
  private hasSeenRunning = false;
  private isSent = false;
  private endedAtMs = 0;
  private steadySinceMs = 0;
  private lastCounts = '';

  get isDone(): boolean {
    return this.isSent;
  }

  /** Returns the event to send for this snapshot, or null. */
  observe(snapshot: BatchSnapshot, nowMs: number): BatchCompletedEvent | null {
    if (!isTerminalPhase(snapshot.phase)) {
      this.hasSeenRunning = true;
      this.isSent = false;
      this.lastCounts = '';
      return null;
    }
    if (this.isSent || !this.hasSeenRunning) return null;
    const counts = JSON.stringify(snapshot.counts);
    if (this.lastCounts === '') this.endedAtMs = nowMs;
    if (counts !== this.lastCounts) this.steadySinceMs = nowMs;
    this.lastCounts = counts;
    const isSettled =
      FINISHED_PHASES.has(snapshot.phase) ||
      nowMs - this.steadySinceMs >= STEADY_MS ||
      nowMs - this.endedAtMs >= SETTLE_LIMIT_MS;
    if (!isSettled) return null;
    this.isSent = true;

    return toCompletedEvent(snapshot);
  }
}

function toCompletedEvent(snapshot: BatchSnapshot): BatchCompletedEvent {
  const completedAt = snapshot.completedAt ?? snapshot.updatedAt;
  const endMs = Date.parse(completedAt);

  return {
    batchId: snapshot.id,
    phase: snapshot.phase,
    reason: snapshot.reason,
    counts: snapshot.counts,
    durationMs: endMs - Date.parse(snapshot.createdAt),
    sendingDurationMs: snapshot.approvedAt ? endMs - Date.parse(snapshot.approvedAt) : null,
    completedAt,
    snapshot,
  };
}
