import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';

import { BatchEntity } from '@sluice/persistence';
import { BATCH_PHASES, isTerminalPhase } from '@sluice/shared';

const ACTIVE_PHASES = BATCH_PHASES.filter((phase) => !isTerminalPhase(phase));

// The count walks only the batch's entries of deliveries_in_flight_idx, a few
// per lane at most, and runs only while the batch sends or is paused.
const IN_FLIGHT_COUNT = `CASE WHEN batch.phase IN ('sending', 'paused') THEN
  (SELECT count(*) FROM deliveries d WHERE d.batch_id = batch.id AND d.status = 'in_flight')
  ELSE 0 END`;

/** A batch row and the number of its deliveries in flight, read together. */
export interface BatchProgressRow {
  batch: BatchEntity;
  inFlight: number;
}

/** The reads live progress makes: one primary-key row per watched batch, and the active list. */
@Injectable()
export class BatchProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findWithInFlight(batchId: string): Promise<BatchProgressRow | null> {
    const { entities, raw } = await this.dataSource
      .getRepository(BatchEntity)
      .createQueryBuilder('batch')
      .addSelect(IN_FLIGHT_COUNT, 'in_flight')
      .where('batch.id = :batchId', { batchId })
      .getRawAndEntities<{ in_flight: string }>();
    if (entities.length === 0) return null;

    return { batch: entities[0], inFlight: Number(raw[0].in_flight) };
  }

  /** Batches that have not ended, newest first, served by the (phase, created_at) index. */
  async listActive(limit: number): Promise<{ items: BatchEntity[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(BatchEntity).findAndCount({
      where: { phase: In(ACTIVE_PHASES) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });

    return { items, total };
  }
}
