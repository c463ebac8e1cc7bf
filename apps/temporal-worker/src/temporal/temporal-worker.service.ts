import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Logger } from 'pino';

import { createBatchActivities, type BatchActivityDeps } from '../activities/batch.activities';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';

export const WORKER_LOGGER = Symbol('WORKER_LOGGER');
export const BATCH_ACTIVITY_DEPS = Symbol('BATCH_ACTIVITY_DEPS');

/** Runs the Temporal worker for the life of the Nest application context. */
/** How much longer than the grace time a shutdown may take before the worker gives up on it. */
const SHUTDOWN_FORCE_MARGIN_MS = 5_000;

@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    @Inject(BATCH_ACTIVITY_DEPS) private readonly deps: BatchActivityDeps,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.temporalAddress });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      workflowBundle: { codePath: this.config.workflowBundlePath },
      activities: createBatchActivities(this.deps),
      maxConcurrentActivityTaskExecutions: this.config.maxConcurrentActivities,
      maxCachedWorkflows: 200,
      shutdownGraceTime: this.config.shutdownGraceMs,
      // With the Temporal server gone, a graceful shutdown waits for ever on its polls; a
      // stopping worker must still exit so its orchestrator can start another.
      shutdownForceTime: this.config.shutdownGraceMs + SHUTDOWN_FORCE_MARGIN_MS,
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) => {
      this.logger.fatal({ err: error }, 'Worker stopped unexpectedly');
      process.exitCode = 1;
    });
    this.logger.info(
      { taskQueue: this.config.taskQueue, temporalAddress: this.config.temporalAddress },
      'Worker started',
    );
  }

  /** Resolves when the Temporal server answers and this worker is polling; rejects otherwise. */
  async checkServer(timeoutMs: number): Promise<void> {
    const connection = this.connection;
    if (!connection || this.worker?.getState() !== 'RUNNING') {
      throw new Error('The worker is not running');
    }
    await connection.withDeadline(Date.now() + timeoutMs, () =>
      connection.workflowService.getSystemInfo({}),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    // Rejections were already reported by the handler installed at start.
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    this.logger.info('Worker stopped');
  }
}
