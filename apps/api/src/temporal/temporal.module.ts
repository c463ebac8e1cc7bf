import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';

import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { BatchWorkflowClient } from './batch-workflow.client';

/** Owns the API's single Temporal connection and closes it on shutdown. */
@Injectable()
export class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

@Module({
  providers: [
    {
      provide: Client,
      inject: [API_CONFIG],
      // Connection.lazy lets the API start (and report not ready) while Temporal is down.
      useFactory: (config: ApiConfig) =>
        new Client({
          connection: Connection.lazy({ address: config.temporalAddress }),
          namespace: config.temporalNamespace,
        }),
    },
    TemporalConnectionCloser,
    BatchWorkflowClient,
  ],
  exports: [Client, BatchWorkflowClient],
})
export class TemporalModule {}
