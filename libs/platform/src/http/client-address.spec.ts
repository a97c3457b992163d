import { clientAddress, rateLimitKey, trustedProxies, trustProxySetting } from './client-address';

describe('client addresses for rate limits', () => {
  it('takes what Express computed (the socket unless a proxy is trusted), then the socket', () => {
    expect(clientAddress({ ip: '203.0.113.9', socket: { remoteAddress: '127.0.0.1' } } as never)).toBe('203.0.113.9');
    expect(clientAddress({ ip: undefined, socket: { remoteAddress: '127.0.0.1' } } as never)).toBe('127.0.0.1');
    expect(clientAddress({ ip: undefined, socket: {} } as never)).toBe('unknown');
  });

  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:85a3:0042:1000:8a2e:0370:7334', '2001:db8:85a3:42::/64'],
    ['2001:db8:85a3:42:ffff::1', '2001:db8:85a3:42::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('counts %s as %s (an IPv6 address by its /64)', (address, key) => {
    expect(rateLimitKey(address)).toBe(key);
  });

  it('puts two addresses of one IPv6 /64 in one count and another /64 in its own', () => {
    expect(rateLimitKey('2001:db8:1:2::a')).toBe(rateLimitKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(rateLimitKey('2001:db8:1:3::a')).not.toBe(rateLimitKey('2001:db8:1:2::a'));
  });

  it('trusts no proxy by default, and only named proxies, addresses or ranges when told to', () => {
    expect(trustProxySetting.parse(undefined)).toBe('false');
    expect(trustedProxies(trustProxySetting.parse(undefined))).toBeUndefined();
    expect(trustedProxies(trustProxySetting.parse('loopback, 10.0.0.0/8,2001:db8::/32, 192.0.2.7'))).toEqual([
      'loopback',
      '10.0.0.0/8',
      '2001:db8::/32',
      '192.0.2.7',
    ]);
    for (const bad of ['true', '1', 'loopback,everyone', '10.0.0.0/33', '10.0.0.0/8/1', 'proxy.example'])
      expect({ bad, ok: trustProxySetting.safeParse(bad).success }).toEqual({ bad, ok: false });
  });
});
