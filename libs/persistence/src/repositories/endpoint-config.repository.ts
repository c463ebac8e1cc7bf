import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';

import type { DeliverySettings, EndpointConfig } from '@sluice/shared';

import { EndpointConfigEntity } from '../entities/endpoint-config.entity';
import { SecretBox } from '../secret-box';

/** An endpoint config with its sealed values opened, for the worker that sends. */
export interface OpenedEndpointConfig {
  id: string;
  url: string;
  headers: Record<string, string>;
  secret: string;
  settings: DeliverySettings;
}

/** Endpoint configs live here, not in Temporal, so URLs and headers stay out of history. */
@Injectable()
export class EndpointConfigRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SecretBox) private readonly secretBox: SecretBox,
  ) {}

  async create(batchId: string, config: EndpointConfig & { secret: string }) {
    const repository = this.dataSource.getRepository(EndpointConfigEntity);
    const { url, headers, secret, ...settings } = config;
    const id = randomUUID();
    await repository.insert({
      id,
      batchId,
      url,
      headerNames: Object.keys(headers),
      headersCiphertext: this.secretBox.seal(JSON.stringify(headers)),
      secretCiphertext: this.secretBox.seal(secret),
      settings,
    });

    return repository.findOneByOrFail({ id });
  }

  /** Several configs in one query, for a page of batches. */
  findByIds(ids: string[]): Promise<EndpointConfigEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);

    return this.dataSource.getRepository(EndpointConfigEntity).findBy({ id: In(ids) });
  }

  findById(id: string): Promise<EndpointConfigEntity | null> {
    return this.dataSource.getRepository(EndpointConfigEntity).findOneBy({ id });
  }

  async open(id: string): Promise<OpenedEndpointConfig | null> {
    const stored = await this.findById(id);
    if (!stored) return null;

    return {
      id: stored.id,
      url: stored.url,
      headers: JSON.parse(this.secretBox.open(stored.headersCiphertext)),
      secret: this.secretBox.open(stored.secretCiphertext),
      settings: stored.settings,
    };
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
