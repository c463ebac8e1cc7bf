import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { BatchPhase, FileFormat } from '@sluice/shared';

/** Counts stored as bigint come back from pg as strings; the sizes we store fit a number. */
export const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

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
