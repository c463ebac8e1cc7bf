import type { Socket } from 'socket.io';

import type { ErrorBody } from '@sluice/shared';

import { isSameToken } from '../common/auth/bearer-token.guard';
import type { SignInLimiter } from '../common/auth/sign-in-limiter';

const REFUSAL: ErrorBody = { code: 'UNAUTHORIZED', message: 'A valid bearer token is required' };

export interface SocketAuthOptions {
  expectedToken: string;
  limiter: SignInLimiter;
  /** The client address of a handshake, with the same proxy trust as HTTP requests. */
  addressOf(socket: Socket): string;
  onRefused(): void;
}

/**
 * Namespace middleware: a connection must send the API token as `auth.token` in its handshake.
 * Without it the client's `connect_error` carries the message and, in `data`, the error body.
 * Refusals count against the client address like refused HTTP requests.
 */
export function authenticateSocket(options: SocketAuthOptions) {
  return (socket: Socket, next: (error?: Error) => void): void => {
    const address = options.addressOf(socket);
    const retryAfterSeconds = options.limiter.retryAfterSeconds(address);
    if (retryAfterSeconds !== null) {
      const body: ErrorBody = {
        code: 'TOO_MANY_REQUESTS',
        message: `Too many refused sign-ins; try again in ${retryAfterSeconds} s`,
      };
      next(Object.assign(new Error(body.message), { data: body }));
      return;
    }
    const token: unknown = socket.handshake.auth?.['token'];
    if (typeof token === 'string' && isSameToken(token, options.expectedToken)) {
      next();
      return;
    }
    options.limiter.recordFailure(address);
    options.onRefused();
    next(Object.assign(new Error(REFUSAL.message), { data: REFUSAL }));
  };
}
