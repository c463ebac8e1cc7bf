import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { createDataSourceOptions } from './data-source-options';
import { BatchRepository } from './repositories/batch.repository';
import { DeliveryRepository } from './repositories/delivery.repository';
import { EndpointConfigRepository } from './repositories/endpoint-config.repository';
import { ParseErrorRepository } from './repositories/parse-error.repository';
import { RateBucketRepository } from './repositories/rate-bucket.repository';
import { RecordRepository } from './repositories/record.repository';
import { SecretBox } from './secret-box';

const REPOSITORIES = [
  BatchRepository,
  DeliveryRepository,
  EndpointConfigRepository,
  ParseErrorRepository,
  RateBucketRepository,
  RecordRepository,
];

export interface PersistenceOptions {
  url: string;
  poolSize: number;
  applicationName: string;
  /** Base64 of the 32-byte key that seals endpoint secrets and header values. */
  encryptionKey: string;
}

/** The TypeORM connection and Sluice's repositories, for the API and the worker alike. */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [TypeOrmModule.forRoot(createDataSourceOptions(options))],
      providers: [
        ...REPOSITORIES,
        { provide: SecretBox, useValue: new SecretBox(options.encryptionKey) },
      ],
      exports: REPOSITORIES,
    };
  }
}
