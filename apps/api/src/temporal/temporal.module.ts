import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';

import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { BatchWorkflowClient } from './batch-workflow.client';

/**
 * A connection for the readiness probe alone, without the retries of the client's: a probe
 * reports the server as it is now, and a retry still waiting when the API stops would throw
 * "Channel has been shut down" outside any handler.
 */
export const TEMPORAL_PROBE_CONNECTION = Symbol('TEMPORAL_PROBE_CONNECTION');

/** Owns the API's Temporal connections and closes them on shutdown. */
@Injectable()
export class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly probeConnection: Connection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client.connection.close(), this.probeConnection.close()]);
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
    {
      provide: TEMPORAL_PROBE_CONNECTION,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) =>
        Connection.lazy({ address: config.temporalAddress, interceptors: [] }),
    },
    TemporalConnectionCloser,
    BatchWorkflowClient,
  ],
  exports: [Client, TEMPORAL_PROBE_CONNECTION, BatchWorkflowClient],
})
export class TemporalModule {}
