import { RateLimiter } from './rate-limiter';

describe('RateLimiter (per client address, fixed window)', () => {
  it('allows the limit per window, then says how long to wait, and starts over in the next window', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.take('10.0.0.1').allowed)).toEqual([true, true, true]);
    now += 15_000;
    expect(limiter.take('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.take('10.0.0.2')).toEqual({ allowed: true });
    now += 45_000;
    expect(limiter.take('10.0.0.1')).toEqual({ allowed: true });
  });

  it('does not grow without bound when many addresses call', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1000, () => now, 10);
    for (let i = 0; i < 50; i += 1) limiter.take(`a${i}`);
    now += 1000;
    for (let i = 0; i < 50; i += 1) expect(limiter.take(`b${i}`).allowed).toBe(true);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10);
  });
});
