import { HttpErrorResponse } from '@angular/common/http';

import { ERROR_CODES, ErrorBody, ErrorCode } from '@sluice/shared';

import { ERROR_MESSAGES, NETWORK_ERROR_MESSAGE } from './error-messages';

// Statuses a proxy sends when the API behind it is down or too slow.
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** A failed API call as the console shows it: plain words first, the API's own text second. */
export interface ApiError {
  code: ErrorCode | null;
  summary: string;
  detail: string | null;
  correlationId: string | null;
}

// An error body as received: the code may be one this console does not know yet.
type ReceivedErrorBody = Omit<ErrorBody, 'code'> & { code: string };

/** Reduces whatever an HttpClient call failed with to an {@link ApiError}. */
export function toApiError(error: unknown): ApiError {
  if (!(error instanceof HttpErrorResponse)) {
    return withoutCode(String(error));
  }
  if (error.status === 0) {
    return withoutCode(NETWORK_ERROR_MESSAGE);
  }

  const body: unknown = error.error;
  if (!isErrorBody(body)) {
    // Something in front of the API answered (nginx, the dev server proxy): no code to show.
    const status = `HTTP status ${error.status}`;
    return GATEWAY_STATUSES.has(error.status)
      ? withoutCode(NETWORK_ERROR_MESSAGE, status)
      : withoutCode(`The API answered with ${status}.`);
  }
  if (!isKnownCode(body.code)) {
    // A code newer than this console still gets the API's own sentence.
    return { ...withoutCode(body.message), correlationId: body.correlationId ?? null };
  }

  const issues = (body.issues ?? []).map((issue) => `${issue.field}: ${issue.message}`);

  return {
    code: body.code,
    summary: ERROR_MESSAGES[body.code],
    detail: [body.message, ...issues].join('; '),
    correlationId: body.correlationId ?? null,
  };
}

function withoutCode(summary: string, detail: string | null = null): ApiError {
  return { code: null, summary, detail, correlationId: null };
}

function isErrorBody(value: unknown): value is ReceivedErrorBody {
  if (typeof value !== 'object' || value === null) {
    return false;
  }

  const { code, message } = value as Record<string, unknown>;

  return typeof code === 'string' && typeof message === 'string';
}

function isKnownCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
