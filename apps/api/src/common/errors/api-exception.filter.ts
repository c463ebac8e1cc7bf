import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';

import { DomainError, ValidationError, type ErrorBody } from '@sluice/shared';

import { TooManySignInsError } from '../auth/too-many-sign-ins.error';
import { codeForStatus, ERROR_STATUS } from './error-status';

/**
 * Turns every error into `{ code, message }`. Errors we raised on purpose keep their message;
 * anything else becomes a generic 500 whose correlation id leads to the full log line.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(PinoLogger) private readonly logger: PinoLogger) {
    this.logger.setContext(ApiExceptionFilter.name);
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const correlationId = String(request.id ?? '');
    const { status, body } = this.describe(error, correlationId);
    if (status >= 500) {
      this.logger.error({ err: error, correlationId }, 'Request failed');
    } else {
      this.logger.debug({ code: body.code, correlationId }, 'Request refused');
    }
    if (error instanceof TooManySignInsError) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    response.status(status).json(body);
  }

  private describe(error: unknown, correlationId: string): { status: number; body: ErrorBody } {
    if (error instanceof DomainError) {
      const body: ErrorBody = { code: error.code, message: error.message };
      if (error instanceof ValidationError) body.issues = error.issues;
      if (error.code === 'INTERNAL' || error.code === 'TEMPORAL_UNAVAILABLE') {
        body.correlationId = correlationId;
      }
      return { status: ERROR_STATUS[error.code], body };
    }
    if (error instanceof HttpException && error.getStatus() < 500) {
      const status = error.getStatus();
      return { status, body: { code: codeForStatus(status), message: error.message } };
    }

    return {
      status: 500,
      body: { code: 'INTERNAL', message: 'Something went wrong on our side', correlationId },
    };
  }
}
