import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import type { DeliveryStatus } from '@sluice/shared';

import { AttemptEntity } from '../entities/attempt.entity';
import { DeliveryEntity } from '../entities/delivery.entity';

/** A delivery still owed to the endpoint, with the record it carries. */
export interface OpenDelivery {
  deliveryId: string;
  seq: number;
  lineNumber: number;
  fields: string[];
  attemptCount: number;
}

export interface AttemptResult {
  attemptNumber: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  errorCode: string | null;
  responseExcerpt: string | null;
}

/** The final result of a delivery with every attempt made for it in this pass. */
export interface DeliveryOutcome {
  deliveryId: string;
  status: Extract<DeliveryStatus, 'succeeded' | 'failed'>;
  attempts: AttemptResult[];
  errorMessage: string | null;
}

/** Deliveries and attempts; outcome writes also move the batch counters, in one transaction. */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates one pending delivery per record; running it again creates nothing new. */
  async createForBatch(batchId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO deliveries (id, batch_id, record_seq, status)
       SELECT gen_random_uuid(), batch_id, seq, 'pending' FROM records WHERE batch_id = $1
       ON CONFLICT (batch_id, record_seq) DO NOTHING`,
      [batchId],
    );
  }

  async findOpenInRange(batchId: string, fromSeq: number, toSeq: number): Promise<OpenDelivery[]> {
    const rows: {
      id: string;
      seq: number;
      line_number: number;
      fields: string[];
      attempt_count: number;
    }[] = await this.dataSource.query(
      `SELECT d.id, r.seq, r.line_number, r.fields, d.attempt_count
       FROM deliveries d JOIN records r ON r.batch_id = d.batch_id AND r.seq = d.record_seq
       WHERE d.batch_id = $1 AND d.record_seq BETWEEN $2 AND $3
         AND d.status IN ('pending', 'in_flight')
       ORDER BY d.record_seq`,
      [batchId, fromSeq, toSeq],
    );

    return rows.map((row) => ({
      deliveryId: row.id,
      seq: row.seq,
      lineNumber: row.line_number,
      fields: row.fields,
      attemptCount: row.attempt_count,
    }));
  }

  /** Stores final outcomes; a delivery that is already final is left as it is. */
  async saveOutcomes(batchId: string, outcomes: DeliveryOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      await this.insertAttempts(manager, outcomes);
      // One statement moves the deliveries and the batch counters together; only deliveries
      // that were still open count, so saving the same outcome twice changes nothing.
      await manager.query(
        `WITH changed AS (
           UPDATE deliveries d SET status = u.status,
             attempt_count = d.attempt_count + u.attempts, last_status_code = u.status_code,
             last_error_code = u.error_code, last_error_message = u.error_message,
             completed_at = now(), updated_at = now()
           FROM unnest($2::uuid[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[])
             AS u (id, status, attempts, status_code, error_code, error_message)
           WHERE d.id = u.id AND d.status IN ('pending', 'in_flight')
           RETURNING d.status
         )
         UPDATE batches SET
           succeeded_count = succeeded_count
             + (SELECT count(*) FROM changed WHERE status = 'succeeded'),
           failed_count = failed_count + (SELECT count(*) FROM changed WHERE status = 'failed'),
           updated_at = now()
         WHERE id = $1`,
        [
          batchId,
          outcomes.map((outcome) => outcome.deliveryId),
          outcomes.map((outcome) => outcome.status),
          outcomes.map((outcome) => outcome.attempts.length),
          outcomes.map((outcome) => outcome.attempts.at(-1)?.statusCode ?? null),
          outcomes.map((outcome) => outcome.attempts.at(-1)?.errorCode ?? null),
          outcomes.map((outcome) => outcome.errorMessage),
        ],
      );
    });
  }

  async countByStatus(batchId: string): Promise<Record<DeliveryStatus, number>> {
    const rows: { status: DeliveryStatus; count: string }[] = await this.dataSource.query(
      `SELECT status, count(*) AS count FROM deliveries WHERE batch_id = $1 GROUP BY status`,
      [batchId],
    );
    const counts = { pending: 0, in_flight: 0, succeeded: 0, failed: 0 };
    for (const row of rows) counts[row.status] = Number(row.count);

    return counts;
  }

  async page(query: { batchId: string; status?: DeliveryStatus; offset: number; limit: number }) {
    const [items, total] = await this.dataSource.getRepository(DeliveryEntity).findAndCount({
      where: { batchId: query.batchId, ...(query.status ? { status: query.status } : {}) },
      order: { recordSeq: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });

    return { items, total };
  }

  private async insertAttempts(manager: EntityManager, outcomes: DeliveryOutcome[]) {
    const attempts = outcomes.flatMap((outcome) =>
      outcome.attempts.map((attempt) => ({ ...attempt, deliveryId: outcome.deliveryId })),
    );
    // Several small inserts keep each statement well under PostgreSQL's parameter limit.
    for (let start = 0; start < attempts.length; start += 1_000) {
      await manager.getRepository(AttemptEntity).insert(attempts.slice(start, start + 1_000));
    }
  }
}
