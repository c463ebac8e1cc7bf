import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { PinoLogger } from 'nestjs-pino';

import { batchWorkflowId } from '@sluice/shared';
import { batchControlStateQuery, type BatchControlState } from '@sluice/workflows';

/** A Query goes through a worker; past this the snapshot is built without it. */
const QUERY_DEADLINE_MS = 1_000;
/** Each watched batch costs the workflow at most about one Query a second. */
const MAX_AGE_MS = 1_000;
/** Entries of batches nobody has asked about for this long are dropped. */
const IDLE_MS = 60_000;

interface Entry {
  state: BatchControlState | null;
  fetchedAtMs: number;
  usedAtMs: number;
  refreshing: Promise<void> | null;
  isFailing: boolean;
}

/**
 * The workflow's control state (phase, settings) through its Query, under a deadline. Answers
 * from a cache at most a second old and refreshes it in the background, so a slow or absent
 * Temporal never holds up a snapshot: the answer is then the last known state, or null.
 */
@Injectable()
export class ControlStateClient {
  private readonly entries = new Map<string, Entry>();

  constructor(
    @Inject(Client) private readonly client: Client,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ControlStateClient.name);
  }

  async read(batchId: string): Promise<BatchControlState | null> {
    const nowMs = Date.now();
    this.forgetIdle(nowMs);
    let entry = this.entries.get(batchId);
    if (!entry) {
      entry = { state: null, fetchedAtMs: 0, usedAtMs: nowMs, refreshing: null, isFailing: false };
      this.entries.set(batchId, entry);
      await this.refresh(batchId, entry);
    } else if (nowMs - entry.fetchedAtMs >= MAX_AGE_MS) {
      void this.refresh(batchId, entry);
    }
    entry.usedAtMs = nowMs;

    return entry.state;
  }

  private refresh(batchId: string, entry: Entry): Promise<void> {
    entry.refreshing ??= this.query(batchId)
      .then((state) => {
        entry.state = state;
        entry.isFailing = false;
      })
      .catch((error: unknown) => {
        // Expected when Temporal or every worker is down, or the workflow has just ended.
        if (!entry.isFailing) {
          this.logger.warn({ err: error, batchId }, 'Workflow control state unavailable');
        }
        entry.isFailing = true;
      })
      .finally(() => {
        entry.fetchedAtMs = Date.now();
        entry.refreshing = null;
      });

    return entry.refreshing;
  }

  private query(batchId: string): Promise<BatchControlState> {
    const handle = this.client.workflow.getHandle(batchWorkflowId(batchId));

    return this.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
      handle.query(batchControlStateQuery),
    );
  }

  private forgetIdle(nowMs: number): void {
    for (const [batchId, entry] of this.entries) {
      if (nowMs - entry.usedAtMs > IDLE_MS && !entry.refreshing) this.entries.delete(batchId);
    }
  }
}
