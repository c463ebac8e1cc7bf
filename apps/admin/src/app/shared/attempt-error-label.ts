import { AttemptErrorCode } from '@sluice/shared';

const LABELS: Readonly<Record<AttemptErrorCode, string>> = {
  TIMEOUT: 'No answer in time',
  CONNECTION_FAILED: 'Could not connect',
  HTTP_4XX: 'Refused by the endpoint',
  HTTP_5XX: 'Endpoint error',
  RATE_LIMITED: 'Rate limited by the endpoint',
  ADDRESS_REFUSED: 'Address not allowed',
};

/** Why an attempt failed, in plain words; a code newer than the console is shown as is. */
export function attemptErrorLabel(code: string | null): string | null {
  if (code === null) {
    return null;
  }

  return (LABELS as Record<string, string | undefined>)[code] ?? code;
}
