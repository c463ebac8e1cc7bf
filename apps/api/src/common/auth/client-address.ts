import type { IncomingMessage } from 'node:http';

import proxyaddr from 'proxy-addr';

/** Decides which proxies' `X-Forwarded-For` is believed, as Express's `trust proxy` does. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * Compiles `API_TRUST_PROXY` (a hop count, `true`, or addresses, CIDRs and names such as
 * `loopback, uniquelocal`); unset trusts no proxy, so the socket's own peer is the client.
 */
export function compileProxyTrust(setting: string | undefined): ProxyTrust {
  if (setting === undefined || setting === 'false') return () => false;
  if (setting === 'true') return () => true;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }

  return proxyaddr.compile(setting.split(',').map((entry) => entry.trim()));
}

/** The client's address for a raw request (Socket.IO handshakes), as `request.ip` gives it. */
export function clientAddressOf(request: IncomingMessage, trust: ProxyTrust): string {
  return proxyaddr(request, trust);
}
