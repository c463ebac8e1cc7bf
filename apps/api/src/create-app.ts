import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';
import type { ApiConfig } from './config/api-config';

/** Builds the API application; `main.ts` and the tests both start it this way. */
export async function createApp(config: ApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    // Throw start-up errors to the caller instead of exiting, so main and tests report them.
    abortOnError: false,
    // Uploads are streamed by the batches controller; JSON bodies are small.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  if (config.corsOrigin) app.enableCors({ origin: config.corsOrigin.split(',') });
  if (config.adminDistDir) {
    // The console's static files, so `npm start` serves it from the API's own origin.
    app.useStaticAssets(config.adminDistDir, { index: 'index.html' });
  }
  app.enableShutdownHooks();

  return app;
}
