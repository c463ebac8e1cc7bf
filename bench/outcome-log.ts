import { Client as PgClient } from 'pg';

/** One bulk write of outcomes, as PostgreSQL timed it. */
export interface OutcomeWrite {
  atMs: number;
  finished: number;
}

/**
 * Times every write that moves a batch's counters, with a trigger in the benchmark's own
 * database (never a migration): `clock_timestamp()` is read while the statement runs, just
 * before its transaction commits, so the latency measured from it errs on the long side.
 */
export class OutcomeLog {
  private constructor(private readonly db: PgClient) {}

  static async install(databaseUrl: string): Promise<OutcomeLog> {
    const db = new PgClient({ connectionString: databaseUrl });
    await db.connect();
    await db.query(`CREATE TABLE IF NOT EXISTS bench_outcome_writes (
      batch_id uuid NOT NULL, finished integer NOT NULL, at timestamptz NOT NULL)`);
    await db.query(`CREATE OR REPLACE FUNCTION bench_log_outcome_write() RETURNS trigger AS $$
      BEGIN
        IF NEW.succeeded_count + NEW.failed_count <> OLD.succeeded_count + OLD.failed_count THEN
          INSERT INTO bench_outcome_writes
            VALUES (NEW.id, NEW.succeeded_count + NEW.failed_count, clock_timestamp());
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.query(`DROP TRIGGER IF EXISTS bench_outcome_writes ON batches`);
    await db.query(`CREATE TRIGGER bench_outcome_writes AFTER UPDATE ON batches
      FOR EACH ROW EXECUTE FUNCTION bench_log_outcome_write()`);

    return new OutcomeLog(db);
  }

  async writesOf(batchId: string): Promise<OutcomeWrite[]> {
    const { rows } = await this.db.query(
      `SELECT extract(epoch FROM at) * 1000 AS at_ms, finished FROM bench_outcome_writes
       WHERE batch_id = $1 ORDER BY at`,
      [batchId],
    );

    return rows.map((row) => ({ atMs: Number(row.at_ms), finished: Number(row.finished) }));
  }

  /** Empties the batches (and all that hangs off them), so every run starts from the same size. */
  async clearBatches(): Promise<void> {
    await this.db.query(`TRUNCATE batches CASCADE`);
    await this.db.query(`TRUNCATE bench_outcome_writes`);
    await this.db.query(`VACUUM ANALYZE`);
  }

  async phaseOf(batchId: string): Promise<string> {
    const { rows } = await this.db.query(`SELECT phase FROM batches WHERE id = $1`, [batchId]);

    return rows[0]?.phase ?? 'missing';
  }

  async serverVersion(): Promise<string> {
    const { rows } = await this.db.query(`SHOW server_version`);

    return String(rows[0].server_version);
  }

  async close(): Promise<void> {
    await this.db.query(`DROP TRIGGER IF EXISTS bench_outcome_writes ON batches`);
    await this.db.end();
  }
}
