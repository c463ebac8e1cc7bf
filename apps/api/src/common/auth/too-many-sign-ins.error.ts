import { DomainError } from '@sluice/shared';

/** A client address refused too often; the filter turns `retryAfterSeconds` into Retry-After. */
export class TooManySignInsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', 'Too many refused sign-ins from this address; try again later');
  }
}
