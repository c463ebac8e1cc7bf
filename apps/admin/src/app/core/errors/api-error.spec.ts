import { HttpErrorResponse } from '@angular/common/http';

import { toApiError } from './api-error';
import { ERROR_MESSAGES, NETWORK_ERROR_MESSAGE } from './error-messages';

describe(toApiError.name, () => {
  it('puts the plain words for the code first and the API message with its issues after', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Upload has no file field',
        issues: [{ field: 'file', message: 'is required' }],
        correlationId: 'c-1',
      },
    });

    expect(toApiError(error)).toEqual({
      code: 'VALIDATION_FAILED',
      summary: ERROR_MESSAGES.VALIDATION_FAILED,
      detail: 'Upload has no file field; file: is required',
      correlationId: 'c-1',
    });
  });

  it('shows the API message when the code is newer than the console', () => {
    const error = new HttpErrorResponse({
      status: 429,
      error: { code: 'TOO_MANY_BATCHES', message: 'Ten batches are already parsing' },
    });

    expect(toApiError(error)).toMatchObject({
      code: null,
      summary: 'Ten batches are already parsing',
    });
  });

  it('names the status when something other than the API answered', () => {
    const error = new HttpErrorResponse({ status: 404, error: '<html>Not Found</html>' });

    expect(toApiError(error).summary).toBe('The API answered with HTTP status 404.');
  });

  it('says the API is unreachable when a proxy answers 502 in its place', () => {
    const error = new HttpErrorResponse({ status: 502, error: 'Bad Gateway' });

    expect(toApiError(error)).toMatchObject({
      summary: NETWORK_ERROR_MESSAGE,
      detail: 'HTTP status 502',
    });
  });

  it('says the API is unreachable when no response arrived', () => {
    const error = new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') });

    expect(toApiError(error).summary).toBe(NETWORK_ERROR_MESSAGE);
  });
});
