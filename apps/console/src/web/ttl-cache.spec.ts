import { TtlCache } from './ttl-cache';

describe('TtlCache (the public page’s answers per URL)', () => {
  it('shares one load within the time to live and loads again after it', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>(1000, 10, () => now);
    const load = async () => (loads += 1);
    expect(await Promise.all([cache.get('u', load), cache.get('u', load)])).toEqual([1, 1]);
    now += 999;
    expect(await cache.get('u', load)).toBe(1);
    now += 1;
    expect(await cache.get('u', load)).toBe(2);
  });

  it('does not remember a failure, and with a time to live of 0 always loads', async () => {
    const cache = new TtlCache<string>(60_000);
    await expect(cache.get('u', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('u', async () => 'up')).toBe('up');
    let loads = 0;
    const uncached = new TtlCache<number>(0);
    await uncached.get('u', async () => (loads += 1));
    await uncached.get('u', async () => (loads += 1));
    expect(loads).toBe(2);
  });
});
