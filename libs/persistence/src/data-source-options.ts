import type { DataSourceOptions } from 'typeorm';

import { AttemptEntity } from './entities/attempt.entity';
import { BatchEntity } from './entities/batch.entity';
import { DeliveryEntity } from './entities/delivery.entity';
import { EndpointConfigEntity } from './entities/endpoint-config.entity';
import { ParseErrorEntity } from './entities/parse-error.entity';
import { InitialSchema1764770000000 } from './migrations/1764770000000-initial-schema';
import { RecordsCascadeByTrigger1764900000000 } from './migrations/1764900000000-record-cascade';
import { AttemptsCascadeByTrigger1765000000000 } from './migrations/1765000000000-attempt-cascade';
import { DeliveriesInFlightIndex1765100000000 } from './migrations/1765100000000-in-flight-index';

export const ENTITIES = [
  AttemptEntity,
  BatchEntity,
  DeliveryEntity,
  EndpointConfigEntity,
  ParseErrorEntity,
];

export const MIGRATIONS = [
  InitialSchema1764770000000,
  RecordsCascadeByTrigger1764900000000,
  AttemptsCascadeByTrigger1765000000000,
  DeliveriesInFlightIndex1765100000000,
];

/** Connection settings shared by the API, the worker and the migration command. */
export function createDataSourceOptions(options: {
  url: string;
  poolSize: number;
  applicationName: string;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // The schema changes only through committed migrations.
    synchronize: false,
    logging: false,
    poolSize: options.poolSize,
    applicationName: options.applicationName,
  };
}
