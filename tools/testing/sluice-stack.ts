import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import pino, { type DestinationStream } from 'pino';

import { loadApiConfig } from '../../apps/api/src/config/api-config';
import { createApp } from '../../apps/api/src/create-app';
import { runMigrations } from '../../apps/api/src/migrate';
import { loadWorkerConfig } from '../../apps/temporal-worker/src/config/worker-config';
import { WorkerHttpServer } from '../../apps/temporal-worker/src/http/worker-http-server';
import { WorkerModule } from '../../apps/temporal-worker/src/worker.module';
import { TEST_ENV } from './test-services';

/** Where an API answers and the token it accepts: all that clients of it need. */
export interface ApiEndpoint {
  apiUrl: string;
  token: string;
}

/** The API and a worker, in this process, against the services global setup started. */
export interface SluiceStack extends ApiEndpoint {
  dataDir: string;
  databaseUrl: string;
  temporal: Client;
  /** Environment for more worker processes serving this stack. */
  workerEnv: Record<string, string>;
  /** Probes and metrics of the in-process worker (`/metrics`, `/health/*`), if it runs. */
  workerUrl?: string;
  stop(): Promise<void>;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration tests need the global setup`);

  return value;
}

export interface StackOptions {
  /** Webhook targets allowed despite being loopback; every 127.0.0.1 port unless given. */
  allowedTargets?: string;
  /** More API settings by variable name, for example `API_ADMIN_DIST_DIR` to serve the console. */
  apiEnv?: Record<string, string>;
  /** More worker settings by variable name, for example a lower `WORKER_MAX_RECORD_BYTES`. */
  workerEnv?: Record<string, string>;
  /** A Temporal server the test owns (to restart it); the run's shared one otherwise. */
  temporalAddress?: string;
  /** A PostgreSQL the test owns (embedded PGlite, say); the run's test database otherwise. */
  databaseUrl?: string;
  /** False runs no worker in this process; start `WorkerProcess`es with `workerEnv` instead. */
  inProcessWorker?: boolean;
  /** Receives the JSON log lines of the API and the in-process worker instead of stdout. */
  logDestination?: DestinationStream;
  /** Level of those lines; `warn` unless given. */
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

/** Starts the real API (on a free loopback port) and a real worker for one test file. */
export async function startSluiceStack(options: StackOptions = {}): Promise<SluiceStack> {
  const databaseUrl = options.databaseUrl ?? requiredEnv(TEST_ENV.databaseUrl);
  const temporalAddress = options.temporalAddress ?? requiredEnv(TEST_ENV.temporalAddress);
  const dataDir = await mkdtemp(join(tmpdir(), 'sluice-test-'));
  const token = randomBytes(24).toString('base64url');
  await runMigrations(databaseUrl);
  const common = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    SLUICE_DATA_DIR: dataDir,
    SLUICE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SLUICE_ALLOWED_TARGETS: options.allowedTargets ?? '127.0.0.1/32',
    // Each stack polls its own task queue, so no worker picks up another test file's batches.
    TEMPORAL_TASK_QUEUE: `sluice-test-${randomBytes(6).toString('hex')}`,
    LOG_LEVEL: options.logLevel ?? 'warn',
  };

  const workerEnv = {
    ...common,
    WORKER_WORKFLOW_BUNDLE: requiredEnv(TEST_ENV.workflowBundle),
    WORKER_SHUTDOWN_GRACE_MS: '1000',
    // Several workers share this machine in a test run: each takes a free port for its probes.
    WORKER_HTTP_PORT: '0',
    ...options.workerEnv,
  };
  let worker: INestApplicationContext | undefined;
  let workerUrl: string | undefined;
  if (options.inProcessWorker ?? true) {
    const level = options.logLevel ?? 'warn';
    const logger = options.logDestination
      ? pino({ level, base: { service: 'worker' } }, options.logDestination)
      : pino({ level });
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(loadWorkerConfig(workerEnv), logger),
      { logger: ['error', 'warn'] },
    );
    await worker.init();
    workerUrl = worker.get(WorkerHttpServer).url;
  }

  const api: NestExpressApplication = await createApp(
    loadApiConfig({ ...common, ...options.apiEnv, SLUICE_API_TOKEN: token, API_PORT: '0' }),
    options.logDestination,
  );
  await api.listen(0, '127.0.0.1');
  const apiUrl = await api.getUrl();
  const temporal = new Client({
    connection: await Connection.connect({ address: temporalAddress }),
  });

  return {
    apiUrl: apiUrl.replace('[::1]', '127.0.0.1'),
    token,
    dataDir,
    databaseUrl,
    temporal,
    workerEnv,
    workerUrl,
    async stop() {
      await temporal.connection.close();
      await api.close();
      await worker?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
