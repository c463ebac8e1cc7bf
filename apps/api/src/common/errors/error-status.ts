import { HttpStatus } from '@nestjs/common';

import type { ErrorCode } from '@sluice/shared';

/** HTTP status of each error code; one table so every route answers alike. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, HttpStatus>> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHORIZED: HttpStatus.UNAUTHORIZED,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  BATCH_PHASE_CONFLICT: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  TEMPORAL_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Code for an error Nest raised itself (unknown route, unreadable JSON body). */
export function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(
    ([, candidate]) => candidate === status,
  );
  if (match) return match[0];

  return status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
}
