import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { DeliverySettings } from '@sluice/shared';

/** The endpoint a batch is approved for. Header values and the secret are stored sealed. */
@Entity({ name: 'endpoint_configs' })
export class EndpointConfigEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'header_names', type: 'text', array: true })
  headerNames!: string[];

  @Column({ name: 'headers_ciphertext', type: 'text' })
  headersCiphertext!: string;

  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext!: string;

  /** The settings given at approval; the live rate and concurrency are on the batch. */
  @Column({ type: 'jsonb' })
  settings!: DeliverySettings;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
