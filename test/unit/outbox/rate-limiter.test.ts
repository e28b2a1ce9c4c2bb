import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/outbox/rate-limiter.js';

/** A fake clock the limiter sleeps on, so pacing is measured exactly and instantly. */
function fakeTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), elapsed: () => t };
}

describe('rate limiter', () => {
  it('keeps the app under its per-second limit', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ perSecond: 50, perRecipientPerSecond: 5, now: time.now, sleep: time.sleep });
    for (let i = 0; i < 150; i += 1) await limiter.acquire(`user-${i}`);
    // 50 go at once (one second's burst), the next 100 at 50/s.
    expect(time.elapsed()).toBeGreaterThanOrEqual(2000);
    expect(time.elapsed()).toBeLessThan(2100);
  });

  it('keeps each recipient under 5 per second while others go on', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ perSecond: 50, perRecipientPerSecond: 5, now: time.now, sleep: time.sleep });
    for (let i = 0; i < 15; i += 1) await limiter.acquire('same-user');
    expect(time.elapsed()).toBeGreaterThanOrEqual(2000);
    expect(limiter.delayFor('another-user')).toBe(0);
  });
});
