import type { IncomingMessage } from 'node:http';

import { clientAddressOf, compileProxyTrust } from './client-address';

function requestFrom(peer: string, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};

  return { socket: { remoteAddress: peer }, headers } as unknown as IncomingMessage;
}

describe('clientAddressOf', () => {
  it('uses the peer address and ignores X-Forwarded-For when no proxy is trusted', () => {
    const trust = compileProxyTrust(undefined);

    expect(clientAddressOf(requestFrom('203.0.113.9', '198.51.100.1'), trust)).toBe('203.0.113.9');
  });

  it('believes X-Forwarded-For from a trusted proxy only', () => {
    const trust = compileProxyTrust('loopback, uniquelocal');

    expect(clientAddressOf(requestFrom('172.18.0.5', '198.51.100.1'), trust)).toBe('198.51.100.1');
    expect(clientAddressOf(requestFrom('203.0.113.9', '198.51.100.1'), trust)).toBe('203.0.113.9');
  });

  it('trusts a number of hops', () => {
    const trust = compileProxyTrust('1');

    expect(clientAddressOf(requestFrom('203.0.113.9', '198.51.100.1, 10.0.0.2'), trust)).toBe(
      '10.0.0.2',
    );
  });
});
