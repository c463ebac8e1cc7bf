import { join } from 'node:path';

import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

import { AppModule } from './app.module';
import { setUpApiDocs } from './api-docs/api-docs';
import { compileProxyTrust } from './common/auth/client-address';
import { securityHeaders } from './common/security/security-headers';
import { HttpMetrics } from './metrics/http-metrics';
import type { ApiConfig } from './config/api-config';
import { SocketIoAdapter } from './realtime/socket-io.adapter';

/**
 * Builds the API application; `main.ts` and the tests both start it this way. Log lines go to
 * stdout, or to `logDestination` when a test wants to read them.
 */
export async function createApp(
  config: ApiConfig,
  logDestination?: DestinationStream,
): Promise<NestExpressApplication> {
  const module = AppModule.forRoot(config, logDestination);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    // Throw start-up errors to the caller instead of exiting, so main and tests report them.
    abortOnError: false,
    // Uploads are streamed by the batches controller; JSON bodies are small.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  app.set('trust proxy', compileProxyTrust(config.trustProxy));
  app.use(helmet(securityHeaders(config.adminDistDir)));
  // No CORS headers unless origins are configured: browsers then allow the API's own origin only.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: [...config.corsOrigins] });
  app.useWebSocketAdapter(new SocketIoAdapter(app, config.corsOrigins));
  app.get(HttpMetrics).attach(app);
  setUpApiDocs(app);
  if (config.adminDistDir) serveConsole(app, config.adminDistDir);
  app.enableShutdownHooks();

  return app;
}

/**
 * Serves the console's static files from the API's own origin (as `npm start` does), with the
 * console's routes falling back to its index page so a reload of a deep link works.
 */
function serveConsole(app: NestExpressApplication, distDir: string): void {
  app.useStaticAssets(distDir, { index: 'index.html' });
  const indexPage = join(distDir, 'index.html');
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isServerRoute = /^\/(api|health|metrics|socket\.io)(\/|$)/.test(request.path);
    if (request.method === 'GET' && !isServerRoute && request.accepts('html')) {
      response.sendFile(indexPage);
    } else {
      next();
    }
  });
}
