import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { workerConfigFromEnv } from './config/worker-config';
import {
  createWorkerLogger,
  installTemporalRuntime,
  PinoNestLogger,
} from './logging/worker-logger';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = workerConfigFromEnv();
  const logger = createWorkerLogger(config);
  installTemporalRuntime(logger, config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
}

bootstrap().catch((error: unknown) => {
  // Start-up failed before the logger could be trusted: report plainly and exit.
  process.stderr.write(`Worker failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
