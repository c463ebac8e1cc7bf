import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { createDataSourceOptions } from './data-source-options';
import { BatchRepository } from './repositories/batch.repository';
import { DeliveryRepository } from './repositories/delivery.repository';
import { EndpointConfigRepository } from './repositories/endpoint-config.repository';
import { ParseErrorRepository } from './repositories/parse-error.repository';
import { RecordRepository } from './repositories/record.repository';

const REPOSITORIES = [
  BatchRepository,
  DeliveryRepository,
  EndpointConfigRepository,
  ParseErrorRepository,
  RecordRepository,
];

export interface PersistenceOptions {
  url: string;
  poolSize: number;
  applicationName: string;
}

/** The TypeORM connection and Sluice's repositories, for the API and the worker alike. */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [TypeOrmModule.forRoot(createDataSourceOptions(options))],
      providers: REPOSITORIES,
      exports: REPOSITORIES,
    };
  }
}
