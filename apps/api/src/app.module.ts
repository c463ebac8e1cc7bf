import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { DestinationStream } from 'pino';

import { PersistenceModule } from '@sluice/persistence';

import { BatchesModule } from './batches/batches.module';
import { AuthModule } from './common/auth/auth.module';
import { BearerTokenGuard } from './common/auth/bearer-token.guard';
import { ApiExceptionFilter } from './common/errors/api-exception.filter';
import { LoggingModule } from './common/logging/logging.module';
import type { ApiConfig } from './config/api-config';
import { ConfigHolderModule } from './config/config-holder.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { OutboundModule } from './outbound/outbound.module';
import { RealtimeModule } from './realtime/realtime.module';

/** The API: batches, live progress, health, and the cross-cutting guard, filter and logging. */
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigHolderModule.forRoot(config),
        LoggingModule.forRoot(config, logDestination),
        AuthModule,
        MetricsModule,
        PersistenceModule.forRoot({
          url: config.databaseUrl,
          poolSize: config.databasePoolSize,
          applicationName: 'sluice-api',
          encryptionKey: config.encryptionKey,
        }),
        OutboundModule.forRoot(config),
        BatchesModule,
        DeliveriesModule,
        RealtimeModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: BearerTokenGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
