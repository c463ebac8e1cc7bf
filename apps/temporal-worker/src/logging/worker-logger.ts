import { LoggerService } from '@nestjs/common';
import { DefaultLogger, LogLevel, Runtime, type LogEntry } from '@temporalio/worker';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

import { REDACTED_LOG_PATHS } from '@sluice/shared';

import type { WorkerConfig } from '../config/worker-config';

/** One JSON stream for Nest, the Temporal SDK, workflows and activities. */
export function createWorkerLogger(
  config: Pick<WorkerConfig, 'logLevel' | 'logFormat'>,
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    base: { service: 'worker' },
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    transport:
      config.logFormat === 'pretty' && !destination
        ? { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } }
        : undefined,
  };

  return destination ? pino(options, destination) : pino(options);
}

/**
 * Routes the Temporal runtime's log (SDK, workflow and activity loggers) into pino. Signals are
 * left to Nest, which shuts the worker down in order.
 */
export function installTemporalRuntime(logger: Logger, level: WorkerConfig['logLevel']): void {
  const sdkLevel = level.toUpperCase() as LogLevel;
  const forward = (entry: LogEntry) => {
    const method = entry.level === 'TRACE' ? 'trace' : (entry.level.toLowerCase() as 'info');
    logger[method]({ ...entry.meta, context: 'temporal' }, entry.message);
  };
  Runtime.install({
    logger: new DefaultLogger(sdkLevel === 'ERROR' ? 'ERROR' : sdkLevel, forward),
    shutdownSignals: [],
  });
}

/** Nest's logger interface over pino, so framework messages share the stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
