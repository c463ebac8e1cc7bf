import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches, their records and parse errors, endpoint configs, deliveries and attempts. The live
 * columns of `batches` (rate, concurrency, control) are what running chunks re-read.
 */
export class InitialSchema1764770000000 implements MigrationInterface {
  name = 'InitialSchema1764770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE batches (
        id uuid PRIMARY KEY,
        file_name text NOT NULL,
        file_size_bytes bigint NOT NULL,
        storage_key text NOT NULL,
        phase text NOT NULL CHECK (phase IN ('parsing', 'awaiting_approval', 'sending', 'paused',
          'completed', 'completed_with_failures', 'cancelled', 'failed')),
        reason text,
        format jsonb,
        record_count integer NOT NULL DEFAULT 0,
        parse_error_count integer NOT NULL DEFAULT 0,
        bytes_parsed bigint NOT NULL DEFAULT 0,
        succeeded_count integer NOT NULL DEFAULT 0,
        failed_count integer NOT NULL DEFAULT 0,
        endpoint_config_id uuid,
        rate_per_second double precision,
        concurrency integer,
        records_per_request integer,
        control text NOT NULL DEFAULT 'run' CHECK (control IN ('run', 'pause', 'stop')),
        pass_number integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        parsed_at timestamptz,
        approved_at timestamptz,
        completed_at timestamptz
      )`);
    // The batch's rate limit is a token bucket every chunk draws from, whatever worker it runs
    // on; its own table keeps these frequent small updates off the batches row.
    await queryRunner.query(`
      CREATE TABLE rate_buckets (
        batch_id uuid PRIMARY KEY REFERENCES batches (id) ON DELETE CASCADE,
        tokens double precision NOT NULL DEFAULT 0,
        refilled_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX batches_created_at_idx ON batches (created_at DESC)`);
    await queryRunner.query(
      `CREATE INDEX batches_phase_created_at_idx ON batches (phase, created_at DESC)`,
    );
    // Records keep their values as a JSON array in header order: the header is stored once on
    // the batch, which keeps a million-row batch small and fast to insert.
    await queryRunner.query(`
      CREATE TABLE records (
        batch_id uuid NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        line_number integer NOT NULL,
        fields jsonb NOT NULL,
        PRIMARY KEY (batch_id, seq)
      )`);
    await queryRunner.query(`
      CREATE TABLE parse_errors (
        id bigserial PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        line_number integer NOT NULL,
        column_number integer,
        code text NOT NULL,
        message text NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX parse_errors_batch_line_idx ON parse_errors (batch_id, line_number)`,
    );
    await queryRunner.query(`
      CREATE TABLE endpoint_configs (
        id uuid PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        url text NOT NULL,
        header_names text[] NOT NULL,
        headers_ciphertext text NOT NULL,
        secret_ciphertext text NOT NULL,
        settings jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      ALTER TABLE batches ADD CONSTRAINT batches_endpoint_config_fk
        FOREIGN KEY (endpoint_config_id) REFERENCES endpoint_configs (id)`);
    // A delivery's id is the webhook-id receivers de-duplicate on, so it is created once and
    // never changes, whatever the number of attempts or retry passes.
    await queryRunner.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        batch_id uuid NOT NULL,
        record_seq integer NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'in_flight', 'succeeded', 'failed')),
        pass_number integer NOT NULL DEFAULT 1,
        attempt_count integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error_code text,
        last_error_message text,
        completed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (batch_id, record_seq),
        FOREIGN KEY (batch_id, record_seq) REFERENCES records (batch_id, seq) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX deliveries_batch_status_idx ON deliveries (batch_id, status)`,
    );
    await queryRunner.query(`
      CREATE TABLE attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        attempt_number integer NOT NULL,
        started_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        status_code integer,
        error_code text,
        response_excerpt text
      )`);
    await queryRunner.query(`CREATE INDEX attempts_delivery_idx ON attempts (delivery_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['attempts', 'deliveries', 'rate_buckets']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`ALTER TABLE batches DROP CONSTRAINT batches_endpoint_config_fk`);
    for (const table of ['endpoint_configs', 'parse_errors', 'records', 'batches']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
