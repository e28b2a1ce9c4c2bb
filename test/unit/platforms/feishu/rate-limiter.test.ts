import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../../src/platforms/feishu/rate-limiter.js';

describe('Feishu rate limiter', () => {
  it('lets 5 calls per second through for one user and spreads the rest', async () => {
    const limiter = createRateLimiter({ appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 5 });
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 7 }, async () => {
      await limiter.acquire('ou_1');
      times.push(Date.now() - started);
    }));
    times.sort((a, b) => a - b);
    expect(times[4]).toBeLessThan(200);
    expect(times[5]).toBeGreaterThanOrEqual(950);
    limiter.close();
  });

  it('keeps other users unaffected and honours an app-wide pause', async () => {
    const limiter = createRateLimiter({ appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 5 });
    for (let i = 0; i < 5; i += 1) await limiter.acquire('ou_1');
    const started = Date.now();
    await limiter.acquire('ou_2');
    expect(Date.now() - started).toBeLessThan(50);
    limiter.pauseApp(Date.now() + 300);
    await limiter.acquire('ou_3');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    limiter.close();
  });

  it('wakes waiters with an error on close', async () => {
    const limiter = createRateLimiter({ appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 1 });
    await limiter.acquire('ou_1');
    const waiting = limiter.acquire('ou_1');
    limiter.close();
    await expect(waiting).rejects.toThrow('closed');
  });
});
