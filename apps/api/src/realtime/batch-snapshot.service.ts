import { Inject, Injectable } from '@nestjs/common';

import { BatchEntity, EndpointConfigRepository } from '@sluice/persistence';
import { NotFoundError, type BatchSnapshot } from '@sluice/shared';

import { toBatchView } from '../batches/batch-view.mapper';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { BatchProgressRepository } from './batch-progress.repository';
import { ControlStateClient } from './control-state.client';
import type { CounterFloor } from './counter-floor';
import { buildProgress } from './progress-builder';
import { RateWindow } from './rate-window';

/** Rate samples of batches no one has looked at for this long are dropped. */
const IDLE_MS = 60_000;

/**
 * Builds the snapshot of a batch, the one shape served by `GET /api/batches/:id` and pushed
 * over Socket.IO: the stored view, plus progress from PostgreSQL's counters and, while the
 * batch sends, the workflow's control state and the actual rate.
 */
@Injectable()
export class BatchSnapshotService {
  private readonly rates = new Map<string, { window: RateWindow; usedAtMs: number }>();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly rows: BatchProgressRepository,
    private readonly endpointConfigs: EndpointConfigRepository,
    private readonly controlStates: ControlStateClient,
  ) {}

  async get(batchId: string): Promise<BatchSnapshot> {
    const snapshot = await this.read(batchId);
    if (!snapshot) throw new NotFoundError(`Batch ${batchId} does not exist`);

    return snapshot;
  }

  /** The snapshot, or null when there is no such batch; `floor` keeps counters from falling. */
  async read(batchId: string, floor?: CounterFloor): Promise<BatchSnapshot | null> {
    const row = await this.rows.findWithInFlight(batchId);
    if (!row) return null;
    const isSending = row.batch.phase === 'sending' || row.batch.phase === 'paused';
    const { endpointConfigId } = row.batch;
    const [endpoint, control] = await Promise.all([
      endpointConfigId ? this.endpointConfigs.findById(endpointConfigId) : null,
      // Only a sending or paused batch has control state worth a Query.
      isSending ? this.controlStates.read(batchId) : null,
    ]);
    const batch = floor ? floor.apply(row.batch) : row.batch;
    const view = toBatchView(batch, endpoint, {
      uiUrl: this.config.temporalUiUrl,
      namespace: this.config.temporalNamespace,
    });
    const progress = buildProgress({
      batch,
      inFlight: row.inFlight,
      actualRatePerSecond: isSending ? this.sampleRate(row.batch) : this.forgetRate(batchId),
      configuredRatePerSecond:
        control?.settings?.ratePerSecond ?? view.endpoint?.ratePerSecond ?? null,
    });

    return { ...view, progress };
  }

  private sampleRate(batch: BatchEntity): number | null {
    const nowMs = Date.now();
    for (const [batchId, entry] of this.rates) {
      if (nowMs - entry.usedAtMs > IDLE_MS) this.rates.delete(batchId);
    }
    const entry = this.rates.get(batch.id) ?? { window: new RateWindow(), usedAtMs: nowMs };
    entry.usedAtMs = nowMs;
    entry.window.add(nowMs, batch.succeededCount + batch.failedCount);
    this.rates.set(batch.id, entry);

    return entry.window.ratePerSecond();
  }

  private forgetRate(batchId: string): null {
    this.rates.delete(batchId);

    return null;
  }
}
