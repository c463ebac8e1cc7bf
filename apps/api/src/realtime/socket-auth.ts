import type { Socket } from 'socket.io';

import type { ErrorBody } from '@sluice/shared';

import { isSameToken } from '../common/auth/bearer-token.guard';

const REFUSAL: ErrorBody = { code: 'UNAUTHORIZED', message: 'A valid bearer token is required' };

/**
 * Namespace middleware: a connection must send the API token as `auth.token` in its handshake.
 * Without it the client's `connect_error` carries the message and, in `data`, the error body.
 */
export function authenticateSocket(expectedToken: string, onRefused: () => void) {
  return (socket: Socket, next: (error?: Error) => void): void => {
    const token: unknown = socket.handshake.auth?.['token'];
    if (typeof token === 'string' && isSameToken(token, expectedToken)) {
      next();
      return;
    }
    onRefused();
    next(Object.assign(new Error(REFUSAL.message), { data: REFUSAL }));
  };
}
