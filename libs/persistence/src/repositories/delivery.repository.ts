import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import type { DeliveryStatus } from '@sluice/shared';

import { AttemptEntity } from '../entities/attempt.entity';

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

/**
 * Attempts made for a delivery since the last save, and where that leaves it: final
 * (`succeeded`, `failed`) or `retrying`, which is stored as `in_flight`.
 */
export interface DeliveryOutcome {
  deliveryId: string;
  status: Extract<DeliveryStatus, 'succeeded' | 'failed'> | 'retrying';
  attempts: AttemptResult[];
  errorMessage: string | null;
}

/** A delivery row joined with its record's line number, for lists. */
export interface DeliveryRow {
  id: string;
  batchId: string;
  recordSeq: number;
  lineNumber: number;
  status: DeliveryStatus;
  attemptCount: number;
  lastStatusCode: number | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  completedAt: Date | null;
}

/** A failed delivery with the record it carries, for the export. */
export interface FailedRecordRow extends DeliveryRow {
  fields: string[];
}

/** Deliveries and attempts; outcome writes also move the batch counters, in one transaction. */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates a pending delivery for each record of a range that has none; running it again
   * creates nothing new. Each chunk creates its own range's deliveries as it starts: made all at
   * once on approval they held a million-record batch's first request back by about 12 s.
   */
  async createInRange(batchId: string, fromSeq: number, toSeq: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO deliveries (id, batch_id, record_seq, status)
       SELECT gen_random_uuid(), batch_id, seq, 'pending' FROM records
       WHERE batch_id = $1 AND seq BETWEEN $2 AND $3
       ON CONFLICT (batch_id, record_seq) DO NOTHING`,
      [batchId, fromSeq, toSeq],
    );
  }

  /**
   * The open deliveries of a range with their records. Two range reads on the tables' keys,
   * joined here: as one SQL join, statistics taken before a large batch was stored (a fresh
   * database, a first big upload) made PostgreSQL nest a scan of the whole batch inside
   * another, and one chunk's read ran for many minutes.
   */
  async findOpenInRange(batchId: string, fromSeq: number, toSeq: number): Promise<OpenDelivery[]> {
    const [deliveries, records]: [
      { id: string; record_seq: number; status: DeliveryStatus; attempt_count: number }[],
      { seq: number; line_number: number; fields: string[] }[],
    ] = await Promise.all([
      this.dataSource.query(
        `SELECT id, record_seq, status, attempt_count FROM deliveries
         WHERE batch_id = $1 AND record_seq BETWEEN $2 AND $3 ORDER BY record_seq`,
        [batchId, fromSeq, toSeq],
      ),
      this.dataSource.query(
        `SELECT seq, line_number, fields FROM records
         WHERE batch_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq`,
        [batchId, fromSeq, toSeq],
      ),
    ]);
    const recordsBySeq = new Map(records.map((record) => [record.seq, record]));
    const open: OpenDelivery[] = [];
    for (const delivery of deliveries) {
      const record = recordsBySeq.get(delivery.record_seq);
      if (!record || (delivery.status !== 'pending' && delivery.status !== 'in_flight')) continue;
      open.push({
        deliveryId: delivery.id,
        seq: record.seq,
        lineNumber: record.line_number,
        fields: record.fields,
        attemptCount: delivery.attempt_count,
      });
    }

    return open;
  }

  /** Stores final outcomes; a delivery that is already final is left as it is. */
  async saveOutcomes(batchId: string, outcomes: DeliveryOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      await this.insertAttempts(manager, outcomes);
      // One statement moves the deliveries and the batch counters together. A delivery that is
      // already final keeps every column, and only deliveries this save changed count (their
      // updated_at is this transaction's now()), so the same outcome saved twice (or by two
      // attempts of a chunk at once) changes nothing. The
      // guard sits in the assignments, not the WHERE clause: filtered by status, PostgreSQL
      // judged the open deliveries from statistics taken when none were open, and scanned the
      // whole table once per saved id (a save took seconds; chunks missed their heartbeats).
      // Joins other than a nested loop are off for this transaction: hashing read the whole
      // table on every save, where a loop over the saved ids finds each one by its key.
      await manager.query('SET LOCAL enable_hashjoin = off');
      await manager.query('SET LOCAL enable_mergejoin = off');
      await manager.query(
        `WITH changed AS (
           UPDATE deliveries d SET
             status = CASE WHEN ${IS_FINAL} THEN d.status
               WHEN u.status = 'retrying' THEN 'in_flight' ELSE u.status END,
             attempt_count = d.attempt_count + CASE WHEN ${IS_FINAL} THEN 0 ELSE u.attempts END,
             last_status_code = CASE WHEN ${IS_FINAL} THEN d.last_status_code
               ELSE u.status_code END,
             last_error_code = CASE WHEN ${IS_FINAL} THEN d.last_error_code ELSE u.error_code END,
             last_error_message = CASE WHEN ${IS_FINAL} THEN d.last_error_message
               ELSE u.error_message END,
             completed_at = CASE WHEN ${IS_FINAL} THEN d.completed_at
               WHEN u.status = 'retrying' THEN NULL ELSE now() END,
             updated_at = CASE WHEN ${IS_FINAL} THEN d.updated_at ELSE now() END
           FROM unnest($2::uuid[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[])
             AS u (id, status, attempts, status_code, error_code, error_message)
           WHERE d.id = u.id
           RETURNING d.status, d.updated_at = now() AS is_changed
         )
         UPDATE batches SET
           succeeded_count = succeeded_count
             + (SELECT count(*) FROM changed WHERE is_changed AND status = 'succeeded'),
           failed_count = failed_count
             + (SELECT count(*) FROM changed WHERE is_changed AND status = 'failed'),
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

  /**
   * Starts a retry pass: failed deliveries (optionally only those with the given error codes)
   * become pending again, keeping their ids, and leave the failed count. Returns how many.
   */
  async reopenFailed(batchId: string, passNumber: number, errorCodes: string[] | null) {
    const rows: { reopened: string }[] = await this.dataSource.query(
      `WITH reopened AS (
         UPDATE deliveries SET status = 'pending', pass_number = $2, completed_at = NULL,
           updated_at = now()
         WHERE batch_id = $1 AND status = 'failed'
           AND ($3::text[] IS NULL OR last_error_code = ANY($3::text[]))
         RETURNING 1
       ), moved AS (
         UPDATE batches SET failed_count = failed_count - (SELECT count(*) FROM reopened),
           pass_number = $2, updated_at = now()
         WHERE id = $1
       )
       SELECT count(*) AS reopened FROM reopened`,
      [batchId, passNumber, errorCodes],
    );

    return Number(rows[0]?.reopened ?? 0);
  }

  /**
   * Sequence ranges that each hold at most `size` records still owed to the endpoint, in order.
   * A first pass has no deliveries yet (chunks create them), so every record is owed; a retry
   * pass owes its reopened deliveries. Each read stays on one table: see findOpenInRange.
   */
  async openRanges(batchId: string, size: number): Promise<{ fromSeq: number; toSeq: number }[]> {
    const [{ started }]: { started: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM deliveries WHERE batch_id = $1) AS started`,
      [batchId],
    );
    const owed = started
      ? `SELECT record_seq AS seq FROM deliveries
         WHERE batch_id = $1 AND status IN ('pending', 'in_flight')`
      : `SELECT seq FROM records WHERE batch_id = $1`;
    const rows: { from_seq: number; to_seq: number }[] = await this.dataSource.query(
      `SELECT min(seq) AS from_seq, max(seq) AS to_seq
       FROM (SELECT seq, (row_number() OVER (ORDER BY seq) - 1) / $2 AS slot
             FROM (${owed}) owed) slotted
       GROUP BY slot ORDER BY slot`,
      [batchId, size],
    );

    return rows.map((row) => ({ fromSeq: row.from_seq, toSeq: row.to_seq }));
  }

  async countFailedByErrorCode(batchId: string): Promise<Record<string, number>> {
    const rows: { code: string | null; count: string }[] = await this.dataSource.query(
      `SELECT last_error_code AS code, count(*) AS count FROM deliveries
       WHERE batch_id = $1 AND status = 'failed' GROUP BY last_error_code`,
      [batchId],
    );

    return Object.fromEntries(rows.map((row) => [row.code ?? 'UNKNOWN', Number(row.count)]));
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
    const filter = query.status ? 'AND d.status = $2' : 'AND $2::text IS NULL';
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `${DELIVERY_SELECT} WHERE d.batch_id = $1 ${filter}
       ORDER BY d.record_seq OFFSET $3 LIMIT $4`,
      [query.batchId, query.status ?? null, query.offset, query.limit],
    );
    const [{ total }]: { total: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total FROM deliveries d WHERE d.batch_id = $1 ${filter}`,
      [query.batchId, query.status ?? null],
    );

    return { items: rows.map(toDeliveryRow), total: Number(total) };
  }

  async findWithAttempts(deliveryId: string) {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `${DELIVERY_SELECT} WHERE d.id = $1`,
      [deliveryId],
    );
    if (rows.length === 0) return null;
    const attempts = await this.dataSource.getRepository(AttemptEntity).find({
      where: { deliveryId },
      order: { attemptNumber: 'ASC', id: 'ASC' },
    });

    return { delivery: toDeliveryRow(rows[0]), attempts };
  }

  /** Failed deliveries with their records, a page at a time after `afterSeq`, for the export. */
  async failedAfter(batchId: string, afterSeq: number, limit: number): Promise<FailedRecordRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `${DELIVERY_SELECT.replace('SELECT', 'SELECT r.fields,')}
       WHERE d.batch_id = $1 AND d.status = 'failed' AND d.record_seq > $2
       ORDER BY d.record_seq LIMIT $3`,
      [batchId, afterSeq, limit],
    );

    return rows.map((row) => ({ ...toDeliveryRow(row), fields: row['fields'] as string[] }));
  }

  /** One statement for every attempt of a save: arrays keep the parameter count at seven. */
  private async insertAttempts(manager: EntityManager, outcomes: DeliveryOutcome[]) {
    const attempts = outcomes.flatMap((outcome) =>
      outcome.attempts.map((attempt) => ({ ...attempt, deliveryId: outcome.deliveryId })),
    );
    if (attempts.length === 0) return;
    await manager.query(
      `INSERT INTO attempts (delivery_id, attempt_number, started_at, duration_ms, status_code,
         error_code, response_excerpt)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[],
         $6::text[], $7::text[])`,
      [
        attempts.map((attempt) => attempt.deliveryId),
        attempts.map((attempt) => attempt.attemptNumber),
        attempts.map((attempt) => attempt.startedAt.toISOString()),
        attempts.map((attempt) => attempt.durationMs),
        attempts.map((attempt) => attempt.statusCode),
        attempts.map((attempt) => attempt.errorCode),
        attempts.map((attempt) => attempt.responseExcerpt),
      ],
    );
  }
}

/** A delivery's status before the statement that reads it: `succeeded` or `failed` stay. */
const IS_FINAL = `d.status IN ('succeeded', 'failed')`;

const DELIVERY_SELECT = `SELECT d.id, d.batch_id, d.record_seq, r.line_number, d.status,
    d.attempt_count, d.last_status_code, d.last_error_code, d.last_error_message, d.completed_at
  FROM deliveries d JOIN records r ON r.batch_id = d.batch_id AND r.seq = d.record_seq`;

function toDeliveryRow(row: Record<string, unknown>): DeliveryRow {
  return {
    id: row['id'] as string,
    batchId: row['batch_id'] as string,
    recordSeq: row['record_seq'] as number,
    lineNumber: row['line_number'] as number,
    status: row['status'] as DeliveryStatus,
    attemptCount: row['attempt_count'] as number,
    lastStatusCode: row['last_status_code'] as number | null,
    lastErrorCode: row['last_error_code'] as string | null,
    lastErrorMessage: row['last_error_message'] as string | null,
    completedAt: row['completed_at'] as Date | null,
  };
}
