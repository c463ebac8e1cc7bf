import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { EndpointConfig } from '@sluice/shared';

import { EndpointConfigEntity } from '../entities/endpoint-config.entity';

/** Endpoint configs live here, not in Temporal, so URLs and headers stay out of history. */
@Injectable()
export class EndpointConfigRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(batchId: string, config: EndpointConfig): Promise<EndpointConfigEntity> {
    const repository = this.dataSource.getRepository(EndpointConfigEntity);
    const id = randomUUID();
    await repository.insert({ id, batchId, ...config });

    return repository.findOneByOrFail({ id });
  }

  findById(id: string): Promise<EndpointConfigEntity | null> {
    return this.dataSource.getRepository(EndpointConfigEntity).findOneBy({ id });
  }

  /** Drops a config whose approval the workflow refused, so no orphan keeps its headers. */
  async delete(id: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM endpoint_configs c WHERE c.id = $1
         AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.endpoint_config_id = c.id)`,
      [id],
    );
  }
}
