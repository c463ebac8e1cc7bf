import { setTimeout as sleep } from 'node:timers/promises';

import type { BatchRepository, LiveControl } from '@sluice/persistence';

export const CONTROL_POLL_MS = 250;

/**
 * Follows what the workflow wants of a batch (run, pause, stop; concurrency) by re-reading its
 * row every 250 ms, so operator changes land in every chunk within a second, whatever worker it
 * runs on. This chunk's share of the concurrency is the batch's over the chunks running.
 */
export class LiveControlFollower {
  private live: LiveControl;
  private readonly listeners = new Set<() => void>();
  private isStopped = false;

  constructor(
    private readonly batches: BatchRepository,
    private readonly batchId: string,
    private readonly parallelChunks: number,
    initial: LiveControl,
  ) {
    this.live = initial;
  }

  get control(): LiveControl['control'] {
    return this.live.control;
  }

  get concurrency(): number {
    return Math.max(1, Math.floor(this.live.concurrency / this.parallelChunks));
  }

  /** Calls `listener` whenever a read changed something. */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Polls until `stop()`; a failed read keeps the last known state and tries again. */
  async follow(): Promise<void> {
    while (!this.isStopped) {
      await sleep(CONTROL_POLL_MS);
      const next = await this.batches.readLiveControl(this.batchId).catch(() => null);
      if (!next || this.isStopped) continue;
      const isChanged = JSON.stringify(next) !== JSON.stringify(this.live);
      this.live = next;
      if (isChanged) this.listeners.forEach((listener) => listener());
    }
  }

  stop(): void {
    this.isStopped = true;
  }
}
