import { ErrorCode } from '@sluice/shared';

/**
 * What each API error code means to an operator. Typed by `ErrorCode`, so a code added to the
 * shared list fails the build until it has words here.
 */
export const ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'The API did not accept what was sent.',
  UNAUTHORIZED: 'The API token was refused. Sign in again with the current token.',
  NOT_FOUND: 'What was asked for was not found. It may have been removed.',
  BATCH_PHASE_CONFLICT: 'The batch is in a phase that does not allow this action.',
  PAYLOAD_TOO_LARGE: 'The file is larger than the API accepts.',
  UNSUPPORTED_MEDIA_TYPE: 'The file is not a CSV file the API can read.',
  TOO_MANY_REQUESTS: 'Too many sign-ins were refused from here. Wait a minute, then try again.',
  TEMPORAL_UNAVAILABLE: 'Temporal is unavailable, so the batch cannot start. Try again shortly.',
  INTERNAL: 'The API failed unexpectedly. Try again, and report the reference if it persists.',
};

/** Shown when the request never got an answer (API down, network lost, proxy not running). */
export const NETWORK_ERROR_MESSAGE = 'The API could not be reached. Check that it is running.';
