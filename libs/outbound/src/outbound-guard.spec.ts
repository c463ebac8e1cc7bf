import { OutboundGuard, OutboundRefusedError, parseAllowList } from './outbound-guard';

describe(OutboundGuard.name, () => {
  const strict = new OutboundGuard([]);

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
  ])('refuses %s by default', (address) => {
    expect(strict.isAllowed(address, 443, address)).toBe(false);
  });

  it('allows public addresses', () => {
    expect(strict.isAllowed('93.184.215.14', 443, 'example.com')).toBe(true);
    expect(strict.isAllowed('2606:4700::1111', 443, 'example.com')).toBe(true);
  });

  it('allows a loopback host and port only when listed, and only that port', () => {
    const guard = new OutboundGuard(parseAllowList('127.0.0.1:4000'));

    expect(guard.isAllowed('127.0.0.1', 4000, '127.0.0.1')).toBe(true);
    expect(guard.isAllowed('127.0.0.1', 4001, '127.0.0.1')).toBe(false);
    expect(guard.isAllowed('::1', 4000, '::1')).toBe(false);
  });

  it('allows a listed CIDR range on any port', () => {
    const guard = new OutboundGuard(parseAllowList('127.0.0.0/8, 10.0.0.0/8'));

    expect(guard.isAllowed('127.0.0.2', 1, '127.0.0.2')).toBe(true);
    expect(guard.isAllowed('192.168.0.1', 1, '192.168.0.1')).toBe(false);
  });

  it('refuses at resolution time a name whose addresses are all refused', async () => {
    await expect(strict.resolve('localhost', 4000)).rejects.toThrow(OutboundRefusedError);
  });

  it('refuses an entry that is neither CIDR nor host:port', () => {
    expect(() => parseAllowList('localhost')).toThrow('neither CIDR nor host:port');
  });
});
