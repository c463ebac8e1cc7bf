import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

import ipaddr from 'ipaddr.js';

/** A webhook target refused because of the address it resolves to. */
export class OutboundRefusedError extends Error {
  readonly code = 'ADDRESS_REFUSED';
}

/**
 * An allow-list entry: a CIDR range (judged on the address connected to), or a host and port
 * (judged on the URL's host, so `127.0.0.1:4000` does not also allow `localhost:4000`).
 */
type AllowEntry =
  | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] }
  | { kind: 'hostPort'; host: string; port: number };

/** ipaddr.js range names that are not the public internet. */
const REFUSED_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'carrierGradeNat',
  'private',
  'reserved',
  'uniqueLocal',
  'ipv4Mapped',
  'rfc6145',
  'rfc6052',
  '6to4',
  'teredo',
  'benchmarking',
  'amt',
  'as112',
  'deprecated',
  'orchid2',
  'droneRemoteIdProtocolEntityTags',
  'discard',
]);

/** Parses `SLUICE_ALLOWED_TARGETS`: comma-separated CIDR ranges or host:port entries. */
export function parseAllowList(value: string | undefined): AllowEntry[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): AllowEntry => {
      if (entry.includes('/')) return { kind: 'cidr', range: ipaddr.parseCIDR(entry) };
      const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(entry);
      if (!match) throw new Error(`Allow-list entry "${entry}" is neither CIDR nor host:port`);
      return { kind: 'hostPort', host: match[1].toLowerCase(), port: Number(match[2]) };
    });
}

/**
 * Refuses webhook targets on loopback, private, link-local, unique-local, multicast,
 * unspecified or metadata addresses unless allowed. It judges the address actually connected
 * to, after DNS, so a name that resolves to an internal address cannot slip past.
 */
export class OutboundGuard {
  constructor(private readonly allowList: AllowEntry[]) {}

  /** Whether a connection to `address:port`, reached through `hostname`, may be opened. */
  isAllowed(address: string, port: number, hostname: string): boolean {
    const parsed = normalise(ipaddr.parse(address));
    const host = unbracket(hostname).toLowerCase();
    const isExplicitlyAllowed = this.allowList.some((entry) =>
      entry.kind === 'cidr'
        ? parsed.kind() === entry.range[0].kind() && parsed.match(entry.range)
        : entry.port === port && entry.host === host,
    );

    return isExplicitlyAllowed || !REFUSED_RANGES.has(parsed.range());
  }

  /** Resolves `hostname` and returns the first address that may be connected to. */
  async resolve(hostname: string, port: number): Promise<string> {
    const host = unbracket(hostname);
    const addresses = isIP(host)
      ? [host]
      : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    const allowed = addresses.find((address) => this.isAllowed(address, port, host));
    if (!allowed) {
      throw new OutboundRefusedError(`Target ${host}:${port} resolves to a refused address`);
    }

    return allowed;
  }
}

function unbracket(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1');
}

/** IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) are judged as the IPv4 address they carry. */
function normalise(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}
