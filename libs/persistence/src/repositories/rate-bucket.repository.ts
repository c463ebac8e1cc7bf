import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Seconds of rate the bucket may hold: small, so an idle batch does not burst. */
const BURST_SECONDS = 0.2;

export interface RateGrant {
  granted: number;
  /** When nothing was granted, how long until one token is there. */
  waitMs: number;
  ratePerSecond: number;
}

/**
 * The batch's rate limit as a token bucket in PostgreSQL. Every chunk, on any worker, draws
 * small grants from the same row, so the batch as a whole never exceeds its rate, and a rate
 * change applies to the next grant.
 */
@Injectable()
export class RateBucketRepository {
  constructor(private readonly dataSource: DataSource) {}

  async take(batchId: string, wanted: number): Promise<RateGrant> {
    const rows: { granted: number; available: number; rate: number }[] =
      await this.dataSource.query(
        `WITH current AS (
           SELECT k.batch_id, b.rate_per_second AS rate,
             LEAST(greatest(1, b.rate_per_second * $3),
               k.tokens + b.rate_per_second
                 * EXTRACT(EPOCH FROM clock_timestamp() - k.refilled_at)) AS available
           FROM rate_buckets k JOIN batches b ON b.id = k.batch_id
           WHERE k.batch_id = $1 FOR UPDATE OF k
         )
         , taken AS (
           UPDATE rate_buckets k
           SET tokens = c.available - LEAST(floor(c.available), $2),
             refilled_at = clock_timestamp()
           FROM current c WHERE k.batch_id = c.batch_id
           RETURNING LEAST(floor(c.available), $2)::int AS granted, c.available, c.rate
         )
         -- A final SELECT, because TypeORM answers a bare UPDATE with [rows, count].
         SELECT granted, available, rate FROM taken`,
        [batchId, wanted, BURST_SECONDS],
      );
    const row = rows[0];
    if (!row) return { granted: 0, waitMs: 1_000, ratePerSecond: 0 };
    const missing = Math.max(0, 1 - row.available);

    return {
      granted: row.granted,
      waitMs: row.granted > 0 ? 0 : Math.ceil((missing / row.rate) * 1_000),
      ratePerSecond: row.rate,
    };
  }

  /** Creates the bucket empty; running it again leaves it as it is. */
  async ensure(batchId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO rate_buckets (batch_id) VALUES ($1) ON CONFLICT (batch_id) DO NOTHING`,
      [batchId],
    );
  }
}
