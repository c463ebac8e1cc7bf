import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundException } from '@nestjs/common';
import type { PinoLogger } from 'nestjs-pino';

import { ConflictError, ValidationError } from '@sluice/shared';

import { ApiExceptionFilter } from './api-exception.filter';

function respond(error: unknown) {
  const logger = { setContext: jest.fn(), error: jest.fn(), debug: jest.fn() };
  const response = { statusCode: 0, body: undefined as unknown };
  const http = {
    getRequest: () => ({ id: 'corr-1234abcd' }),
    getResponse: () => ({
      status(code: number) {
        response.statusCode = code;
        return this;
      },
      json(body: unknown) {
        response.body = body;
      },
    }),
  };
  const host = { switchToHttp: () => http } as unknown as ArgumentsHost;

  new ApiExceptionFilter(logger as unknown as PinoLogger).catch(error, host);

  return { ...response, logger };
}

describe(ApiExceptionFilter.name, () => {
  it('answers a domain error with its status, code and field issues', () => {
    const { statusCode, body } = respond(
      new ValidationError('Bad config', [{ field: 'url', message: 'Is required' }]),
    );

    expect(statusCode).toBe(400);
    expect(body).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Bad config',
      issues: [{ field: 'url', message: 'Is required' }],
    });
  });

  it('maps a phase conflict to 409', () => {
    expect(respond(new ConflictError('Refused')).statusCode).toBe(409);
  });

  it('gives an unknown error a generic 500 whose correlation id is in the log line', () => {
    const { statusCode, body, logger } = respond(new Error('db password is hunter2'));

    expect(statusCode).toBe(500);
    expect(body).toEqual({
      code: 'INTERNAL',
      message: 'Something went wrong on our side',
      correlationId: 'corr-1234abcd',
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ correlationId: 'corr-1234abcd' }),
      'Request failed',
    );
  });

  it('keeps the code of errors Nest raises itself', () => {
    const { statusCode, body } = respond(new NotFoundException('Cannot GET /nope'));

    expect(statusCode).toBe(404);
    expect(body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
