import { classifyAddress, isPublicAddress } from './ssrf';
import { chartPoints, unicodeSparkline } from './sparkline';
import { groupKey, isGroupedChannel, itemKey } from './grouping';

describe('SSRF address classification', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.10.10', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['93.184.216.34', 'public'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['fd12:3456::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['[2a00:1450:4001:82b::200e]', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['not-an-ip', 'invalid'],
    ['1.2.3', 'invalid'],
    ['256.1.1.1', 'invalid'],
    ['1:2:3:4:5:6:7:8:9', 'invalid'],
    ['1::2::3', 'invalid'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
    expect(isPublicAddress(address)).toBe(expected === 'public');
  });
});

describe('sparklines and chart points', () => {
  it('draws a series with eight block heights, a flat series mid-height', () => {
    expect(unicodeSparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(unicodeSparkline([1.7, 1.88, 1.7])).toBe('▁█▁');
    expect(unicodeSparkline([2, 2, 2])).toBe('▄▄▄');
    expect(unicodeSparkline([])).toBe('');
  });

  it('maps values into the chart, highest value at the top', () => {
    expect(chartPoints([0, 10], 101, 21, 0)).toEqual([
      { x: 0, y: 20 },
      { x: 100, y: 0 },
    ]);
    expect(chartPoints([5, 5, 5], 21, 11, 2).map((p) => p.y)).toEqual([5, 5, 5]);
    expect(chartPoints([3], 21, 11, 0)).toEqual([{ x: 10, y: 5 }]);
  });
});

describe('grouping and idempotency keys', () => {
  it('groups messages for people, not for machines', () => {
    expect(isGroupedChannel('email')).toBe(true);
    expect(isGroupedChannel('teams')).toBe(true);
    expect(isGroupedChannel('slack')).toBe(true);
    expect(isGroupedChannel('webhook')).toBe(false);
  });

  it('keys a group by recipient, channel, target and municipality, and an item by its step', () => {
    expect(groupKey('owner:1', 'email', 'a@b.dk', '147')).not.toBe(groupKey('owner:1', 'email', 'a@b.dk', '101'));
    expect(itemKey('ep', 'owner:1', 'email', 'a@b.dk', 'opened')).not.toBe(itemKey('ep', 'owner:1', 'email', 'a@b.dk', 'reminder-1'));
    expect(itemKey('ep', 'owner:1', 'email', 'a@b.dk', 'opened')).toBe(itemKey('ep', 'owner:1', 'email', 'a@b.dk', 'opened'));
  });
});
