import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The endpoint a batch is approved for. Immutable: a change of URL or headers is a new row. */
@Entity({ name: 'endpoint_configs' })
export class EndpointConfigEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @Column({ type: 'text' })
  url!: string;

  // LIMITATION: header values (which may hold credentials) are stored in plain text until the
  // delivery engine issue (#3) adds encryption at rest with a key from configuration.
  @Column({ type: 'jsonb' })
  headers!: Record<string, string>;

  @Column({ name: 'rate_per_second', type: 'double precision' })
  ratePerSecond!: number;

  @Column({ type: 'integer' })
  concurrency!: number;

  @Column({ name: 'records_per_request', type: 'integer' })
  recordsPerRequest!: number;

  @Column({ name: 'timeout_ms', type: 'integer' })
  timeoutMs!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
