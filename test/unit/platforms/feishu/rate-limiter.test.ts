import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../../src/platforms/feishu/rate-limiter.js';
import { createVirtualTime } from '../../../helpers/virtual-time.js';

/**
 * The limiter on a virtual clock: time moves only when every caller waits on the limiter, so the
 * times below are the limiter's decisions, the same on an idle machine and a loaded one.
 */
describe('Feishu rate limiter', () => {
  function limiterOn(time: ReturnType<typeof createVirtualTime>, keyPerSecond = 5) {
    return createRateLimiter({ appPerSecond: 50, appPerMinute: 1000, keyPerSecond, now: time.now, sleep: time.sleep });
  }

  it('lets 5 calls per second through for one user and spreads the rest', async () => {
    const time = createVirtualTime();
    const limiter = limiterOn(time);
    const times: number[] = [];
    await time.run(Array.from({ length: 7 }, async () => {
      await limiter.acquire('ou_1');
      times.push(time.now());
    }));
    times.sort((a, b) => a - b);
    // The first five go at once (spaced only by the app-wide spreading), the sixth a second after the first.
    expect(times[4]).toBeLessThan(100);
    expect(times[5]).toBeGreaterThanOrEqual(1000);
    // Never more than 5 inside any one second.
    for (let i = 5; i < times.length; i += 1) expect((times[i] as number) - (times[i - 5] as number)).toBeGreaterThanOrEqual(1000);
    limiter.close();
  });

  it('keeps other users unaffected and honours an app-wide pause', async () => {
    const time = createVirtualTime();
    const limiter = limiterOn(time);
    await time.run(Array.from({ length: 5 }, () => limiter.acquire('ou_1')));
    const started = time.now();
    await time.run([limiter.acquire('ou_2')]);
    expect(time.now() - started).toBeLessThan(50);
    limiter.pauseApp(300);
    const paused = time.now();
    await time.run([limiter.acquire('ou_3')]);
    expect(time.now() - paused).toBeGreaterThanOrEqual(300);
    limiter.close();
  });

  it('pauses one key only when Feishu says that chat is limited', async () => {
    const time = createVirtualTime();
    const limiter = limiterOn(time);
    limiter.pauseKey('oc_busy', 2000);
    const released: Record<string, number> = {};
    await time.run(['oc_busy', 'oc_quiet'].map(async (key) => {
      await limiter.acquire(key);
      released[key] = time.now();
    }));
    expect(released.oc_quiet).toBeLessThan(50);
    expect(released.oc_busy).toBeGreaterThanOrEqual(2000);
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
