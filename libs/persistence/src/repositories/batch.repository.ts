import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { isTerminalPhase, type BatchPhase, type FileFormat } from '@sluice/shared';

import { BatchEntity, type BatchControl } from '../entities/batch.entity';

export interface NewBatch {
  id: string;
  fileName: string;
  fileSizeBytes: number;
  storageKey: string;
}

/** The settings and control running chunks follow. */
export interface LiveControl {
  ratePerSecond: number;
  concurrency: number;
  recordsPerRequest: number;
  control: BatchControl;
}

export interface ParseProgress {
  recordCount: number;
  parseErrorCount: number;
  bytesParsed: number;
  format: FileFormat | null;
}

/** Batches and their counters; the dashboard reads these, the workflow writes the phase. */
@Injectable()
export class BatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(batch: NewBatch): Promise<BatchEntity> {
    const repository = this.dataSource.getRepository(BatchEntity);
    await repository.insert({ ...batch, phase: 'parsing' });

    return repository.findOneByOrFail({ id: batch.id });
  }

  findById(id: string): Promise<BatchEntity | null> {
    return this.dataSource.getRepository(BatchEntity).findOneBy({ id });
  }

  async list(query: { offset: number; limit: number; phase?: BatchPhase }) {
    const [items, total] = await this.dataSource.getRepository(BatchEntity).findAndCount({
      where: query.phase ? { phase: query.phase } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: query.offset,
      take: query.limit,
    });

    return { items, total };
  }

  /** Stores a phase change made by the workflow; stamps the milestone it marks. */
  async recordPhase(batchId: string, phase: BatchPhase, reason: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE batches SET phase = $2, reason = $3, updated_at = now(),
         parsed_at = CASE WHEN $2 = 'awaiting_approval' THEN coalesce(parsed_at, now())
                     ELSE parsed_at END,
         approved_at = CASE WHEN $2 = 'sending' THEN coalesce(approved_at, now())
                       ELSE approved_at END,
         completed_at = CASE WHEN $4 THEN now() ELSE completed_at END
       WHERE id = $1`,
      [batchId, phase, reason, isTerminalPhase(phase)],
    );
  }

  async recordParseProgress(batchId: string, progress: ParseProgress): Promise<void> {
    await this.dataSource.query(
      `UPDATE batches SET record_count = $2, parse_error_count = $3, bytes_parsed = $4,
         format = coalesce($5, format), updated_at = now()
       WHERE id = $1`,
      [
        batchId,
        progress.recordCount,
        progress.parseErrorCount,
        progress.bytesParsed,
        progress.format ? JSON.stringify(progress.format) : null,
      ],
    );
  }

  async attachEndpointConfig(batchId: string, endpointConfigId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE batches SET endpoint_config_id = $2, updated_at = now() WHERE id = $1`,
      [batchId, endpointConfigId],
    );
  }

  /** Writes the live settings and control that running chunks re-read about every 250 ms. */
  async setLiveControl(batchId: string, live: LiveControl): Promise<void> {
    await this.dataSource.query(
      `UPDATE batches SET rate_per_second = $2, concurrency = $3, records_per_request = $4,
         control = $5, updated_at = now()
       WHERE id = $1`,
      [batchId, live.ratePerSecond, live.concurrency, live.recordsPerRequest, live.control],
    );
  }

  /** Lets a chunk pause its batch at once when failures pile up, before telling the workflow. */
  async setControl(batchId: string, control: BatchControl): Promise<void> {
    await this.dataSource.query(
      `UPDATE batches SET control = $2, updated_at = now() WHERE id = $1`,
      [batchId, control],
    );
  }

  async readLiveControl(batchId: string): Promise<LiveControl | null> {
    const rows: {
      rate_per_second: number | null;
      concurrency: number | null;
      records_per_request: number | null;
      control: BatchControl;
    }[] = await this.dataSource.query(
      `SELECT rate_per_second, concurrency, records_per_request, control
       FROM batches WHERE id = $1`,
      [batchId],
    );
    const row = rows[0];
    if (!row || row.rate_per_second === null || row.concurrency === null) return null;

    return {
      ratePerSecond: row.rate_per_second,
      concurrency: row.concurrency,
      recordsPerRequest: row.records_per_request ?? 1,
      control: row.control,
    };
  }
}
