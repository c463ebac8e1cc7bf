import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';

import {
  BatchRepository,
  DeliveryRepository,
  EndpointConfigRepository,
  ParseErrorRepository,
  PersistenceModule,
  RateBucketRepository,
  RecordRepository,
} from '@sluice/persistence';
import { OutboundGuard, parseAllowList, WebhookClient } from '@sluice/outbound';

import type { BatchActivityDeps } from './activities/batch.activities';
import { WORKER_CONFIG, type WorkerConfig } from './config/worker-config';
import { ChunkSender } from './delivery/chunk-sender';
import { WorkerHttpServer } from './http/worker-http-server';
import { MeasuredWebhookClient } from './metrics/measured-webhook-client';
import { WorkerMetrics } from './metrics/worker-metrics';
import { BatchParser } from './parsing/batch-parser';
import {
  BATCH_ACTIVITY_DEPS,
  TemporalWorkerService,
  WORKER_LOGGER,
} from './temporal/temporal-worker.service';

/** The worker process: database access, the activities' services and the Temporal worker. */
@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PersistenceModule.forRoot({
          url: config.databaseUrl,
          poolSize: config.databasePoolSize,
          applicationName: 'sluice-worker',
          encryptionKey: config.encryptionKey,
        }),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: WORKER_LOGGER, useValue: logger },
        WorkerMetrics,
        {
          provide: WebhookClient,
          inject: [WorkerMetrics],
          useFactory: (metrics: WorkerMetrics) =>
            new MeasuredWebhookClient(
              new OutboundGuard(parseAllowList(config.allowedTargets)),
              metrics,
            ),
        },
        {
          provide: BATCH_ACTIVITY_DEPS,
          inject: [
            BatchRepository,
            DeliveryRepository,
            EndpointConfigRepository,
            ParseErrorRepository,
            RateBucketRepository,
            RecordRepository,
            WebhookClient,
            WorkerMetrics,
          ],
          useFactory: (
            batches: BatchRepository,
            deliveries: DeliveryRepository,
            endpointConfigs: EndpointConfigRepository,
            parseErrors: ParseErrorRepository,
            rateBuckets: RateBucketRepository,
            records: RecordRepository,
            client: WebhookClient,
            metrics: WorkerMetrics,
          ): BatchActivityDeps => ({
            batches,
            deliveries,
            endpointConfigs,
            rateBuckets,
            parser: new BatchParser(
              config.dataDir,
              {
                maxRecordBytes: config.maxRecordBytes,
                maxRecordsPerBatch: config.maxRecordsPerBatch,
                recordWrites: config.recordWrites,
              },
              batches,
              records,
              parseErrors,
            ),
            chunkSender: new ChunkSender(
              batches,
              deliveries,
              endpointConfigs,
              rateBuckets,
              client,
              metrics,
            ),
            chunkSize: config.chunkSize,
            metrics,
          }),
        },
        TemporalWorkerService,
        WorkerHttpServer,
      ],
    };
  }
}
