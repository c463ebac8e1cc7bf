import { randomUUID } from 'node:crypto';

import { DynamicModule, Module } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';

import { REDACTED_LOG_PATHS } from '@sluice/shared';

import type { ApiConfig } from '../../config/api-config';

const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** One JSON line per request, with a correlation id echoed back to the caller. */
@Module({})
export class LoggingModule {
  /** `destination` replaces stdout, for tests that read every line the API writes. */
  static forRoot(config: ApiConfig, destination?: DestinationStream): DynamicModule {
    const options: Options<Request, Response> = {
      level: config.logLevel,
      base: { service: 'api' },
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      transport:
        config.logFormat === 'pretty'
          ? { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } }
          : undefined,
      customAttributeKeys: { reqId: 'correlationId' },
      // Bound to the request's logger, so every line written while serving it carries the id.
      customProps: (request) => ({ correlationId: request.id }),
      genReqId: (request: Request, response: Response) => {
        const offered = request.headers[CORRELATION_HEADER];
        const id =
          typeof offered === 'string' && CORRELATION_ID.test(offered) ? offered : randomUUID();
        response.setHeader(CORRELATION_HEADER, id);
        return id;
      },
      // Request lines are detail, not milestones: debug, with no query strings or bodies.
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : 'debug',
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          method: request.method,
          path: request.url.split('?')[0],
        }),
      },
    };

    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options })],
    };
  }
}
