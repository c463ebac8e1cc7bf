import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { BatchPhase, FileFormat } from '@sluice/shared';

/** Counts stored as bigint come back from pg as strings; the sizes we store fit a number. */
export const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** Tells running chunks to go on, to start no new request, or to stop altogether. */
export type BatchControl = 'run' | 'pause' | 'stop';

@Entity({ name: 'batches' })
export class BatchEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'file_size_bytes', type: 'bigint', transformer: bigintAsNumber })
  fileSizeBytes!: number;

  /** Name of the stored file under the data directory; never derived from the upload's name. */
  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @Column({ type: 'text' })
  phase!: BatchPhase;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  format!: FileFormat | null;

  @Column({ name: 'record_count', type: 'integer' })
  recordCount!: number;

  @Column({ name: 'parse_error_count', type: 'integer' })
  parseErrorCount!: number;

  @Column({ name: 'bytes_parsed', type: 'bigint', transformer: bigintAsNumber })
  bytesParsed!: number;

  @Column({ name: 'succeeded_count', type: 'integer' })
  succeededCount!: number;

  @Column({ name: 'failed_count', type: 'integer' })
  failedCount!: number;

  @Column({ name: 'endpoint_config_id', type: 'uuid', nullable: true })
  endpointConfigId!: string | null;

  /** Live settings: set at approval, changed while running; chunks re-read them. */
  @Column({ name: 'rate_per_second', type: 'double precision', nullable: true })
  ratePerSecond!: number | null;

  @Column({ type: 'integer', nullable: true })
  concurrency!: number | null;

  @Column({ name: 'records_per_request', type: 'integer', nullable: true })
  recordsPerRequest!: number | null;

  /** What running chunks must do now; written by the workflow, read by chunks. */
  @Column({ type: 'text' })
  control!: BatchControl;

  @Column({ name: 'pass_number', type: 'integer' })
  passNumber!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'parsed_at', type: 'timestamptz', nullable: true })
  parsedAt!: Date | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
