import type { PinoLogger } from 'nestjs-pino';

import type { BatchServerEvents, BatchSnapshot } from '@sluice/shared';

import { AttentionDetector } from './attention-detector';
import { BatchCompletion } from './batch-completion';
import { CounterFloor } from './counter-floor';
import { SerialQueue } from './serial-queue';

/** One indexed row read per tick while someone watches: outcomes show within about 250 ms. */
export const TICK_MS = 250;
/** An ended batch changes only if a retry pass starts; a slower look is enough. */
const ENDED_TICK_MS = 1_000;
/** At most four progress events per second per batch, however many reads or joins. */
export const MIN_PROGRESS_GAP_MS = 250;
/**
 * Each progress event is one socket write per subscriber, about 45 µs of the API's event loop
 * each. Past this many writes a second for one batch, events are spaced further apart, so a
 * crowd of subscribers cannot slow the batch they watch (200 subscribers: two a second).
 */
export const MAX_SOCKET_WRITES_PER_SECOND = 400;
/** A joining subscriber gets the last snapshot when it is this recent, else a fresh one. */
const FRESH_MS = 250;

/** Time between progress events for a room of `subscribers`. */
export function progressGapMs(subscribers: number): number {
  return Math.max(MIN_PROGRESS_GAP_MS, (subscribers * 1_000) / MAX_SOCKET_WRITES_PER_SECOND);
}

/** Reads one batch's snapshot with counters held up by the floor; null if it does not exist. */
export type SnapshotRead = (batchId: string, floor: CounterFloor) => Promise<BatchSnapshot | null>;

/** Sends an event to the batch's room. */
export type RoomEmit = <E extends keyof BatchServerEvents>(
  event: E,
  ...payload: Parameters<BatchServerEvents[E]>
) => void;

/**
 * Follows one batch while its room has subscribers: reads its snapshot every tick, sends phase
 * changes, attention notices and the completion at once, and progress when it changed, at most
 * four times a second and less in large rooms. Reads and joins run one at a time, so a
 * subscriber's acknowledgement is never older than an event it receives afterwards.
 */
export class BatchWatch {
  private readonly queue = new SerialQueue();
  private readonly floor = new CounterFloor();
  private readonly attention = new AttentionDetector();
  private readonly completion = new BatchCompletion();
  private latest: BatchSnapshot | null = null;
  private latestAtMs = Number.NEGATIVE_INFINITY;
  private pushedJson = '';
  private pushedAtMs = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private isStopped = false;
  private isFailing = false;
  private pendingJoinCount = 0;

  constructor(
    readonly batchId: string,
    private readonly read: SnapshotRead,
    private readonly emit: RoomEmit,
    private readonly audience: () => number,
    private readonly logger: Pick<PinoLogger, 'warn'>,
  ) {}

  get hasPendingJoins(): boolean {
    return this.pendingJoinCount > 0;
  }

  start(): void {
    this.scheduleTick(TICK_MS);
  }

  stop(): void {
    this.isStopped = true;
    clearTimeout(this.timer);
  }

  /** Hands `admit` a current snapshot (null: no such batch) with no read running meanwhile. */
  async join(admit: (snapshot: BatchSnapshot | null) => void): Promise<void> {
    this.pendingJoinCount += 1;
    try {
      await this.queue.run(async () => {
        if (!this.latest || Date.now() - this.latestAtMs >= FRESH_MS) await this.refresh();
        admit(this.latest);
      });
    } finally {
      this.pendingJoinCount -= 1;
    }
  }

  private scheduleTick(delayMs: number): void {
    if (this.isStopped) return;
    this.timer = setTimeout(() => {
      this.queue
        .run(() => this.refresh())
        .then(() => (this.isFailing = false))
        .catch((error: unknown) => this.reportFailure(error))
        .finally(() => this.scheduleTick(this.completion.isDone ? ENDED_TICK_MS : TICK_MS));
    }, delayMs);
  }

  private async refresh(): Promise<void> {
    const snapshot = await this.read(this.batchId, this.floor);
    const nowMs = Date.now();
    const previous = this.latest;
    this.latest = snapshot;
    this.latestAtMs = nowMs;
    if (!snapshot || this.isStopped) return;
    const { batchId } = this;
    const hasNewPhase = previous !== null && previous.phase !== snapshot.phase;
    if (hasNewPhase) {
      this.emit('batch.phase_changed', {
        batchId,
        phase: snapshot.phase,
        previousPhase: previous.phase,
        reason: snapshot.reason,
        changedAt: snapshot.updatedAt,
      });
    }
    const detectedAt = new Date(nowMs).toISOString();
    for (const notice of this.attention.observe(previous, snapshot, nowMs)) {
      this.emit('batch.attention_needed', { batchId, ...notice, detectedAt });
    }
    this.pushProgress(snapshot, nowMs, hasNewPhase);
    const completed = this.completion.observe(snapshot, nowMs);
    if (completed) this.emit('batch.completed', completed);
  }

  private pushProgress(snapshot: BatchSnapshot, nowMs: number, isUrgent: boolean): void {
    const json = JSON.stringify(snapshot);
    if (json === this.pushedJson) return;
    // Held back, not lost: the next tick finds it still differs from what was pushed.
    if (!isUrgent && nowMs - this.pushedAtMs < progressGapMs(this.audience())) return;
    this.emit('batch.progressed', { batchId: this.batchId, snapshot });
    this.pushedJson = json;
    this.pushedAtMs = nowMs;
  }

  /** PostgreSQL may be briefly unreachable; one warning per outage, and the ticks go on. */
  private reportFailure(error: unknown): void {
    if (this.isFailing) return;
    this.isFailing = true;
    this.logger.warn({ err: error, batchId: this.batchId }, 'Batch progress read failed');
  }
}
