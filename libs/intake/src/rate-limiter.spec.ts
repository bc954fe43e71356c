import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then one per refill interval, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 2, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1]);
    expect(limiter.take('b')).toBe(0);
    now += 1_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('is off at 0 per minute', () => {
    const limiter = new RateLimiter(0, 1);
    expect(Array.from({ length: 100 }, () => limiter.take('a')).every((w) => w === 0)).toBe(true);
  });
});
