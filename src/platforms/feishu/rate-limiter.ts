/**
 * Keeps outbound calls under Feishu's limits: per app 50/s (and 1000/min), per user or chat 5/s.
 * Sliding one-second windows; a 429 pauses the whole app until the reset Feishu names, a per-chat
 * limit (230020) pauses only that chat.
 */
export interface RateLimiterOptions {
  appPerSecond: number;
  appPerMinute: number;
  keyPerSecond: number;
  /**
   * Milliseconds on a clock that only moves forward: performance.now() by default. Not the wall
   * clock: if NTP stepped it back an hour, the calls of the last second would lie an hour in the
   * future and every send would wait that hour. Tests pass a virtual clock together with `sleep`.
   */
  now?: () => number;
  /** Waits on the same clock as `now` (setTimeout by default). */
  sleep?: (ms: number) => Promise<void>;
}

export interface RateLimiter {
  /** Resolves when one more call for this key (user open_id or chat id; null: app limits only) is allowed. */
  acquire(key: string | null): Promise<void>;
  /** No call for anyone for the next `forMs` ms: Feishu said the app is throttled. */
  pauseApp(forMs: number): void;
  /** No call for this key for the next `forMs` ms. */
  pauseKey(key: string, forMs: number): void;
  /** Wakes every waiter with an error: the process is shutting down. */
  close(): void;
}

/**
 * Feishu counts calls when they arrive, we count them when they leave: a second measured as 1.05 s
 * absorbs network jitter so a burst never lands 6 calls inside one of Feishu's seconds. (1.1 s capped
 * a fan-out at 50 ÷ 1.1 = 45.5/s, 91% of the limit before any overhead; with 1.05 s and the spacing
 * below, `npm run bench -- --only fanout` measured 47.3/s for 10,000 cards with 2 429s in all.)
 */
const SECOND_MS = 1050;

export class RateLimiterClosedError extends Error {
  constructor() {
    super('rate limiter closed');
  }
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const appCalls: number[] = [];
  const keyCalls = new Map<string, number[]>();
  const keyPausedUntil = new Map<string, number>();
  let appPausedUntil = -Infinity;
  let closed = false;
  const timers = new Set<{ timer?: NodeJS.Timeout; reject: (e: Error) => void }>();

  function prune(list: number[], windowMs: number, at: number): void {
    while (list.length > 0 && (list[0] as number) <= at - windowMs) list.shift();
  }

  /** Milliseconds to wait before a call for `key` fits every window; 0 when it fits now. */
  function waitFor(key: string | null, at: number): number {
    const keyList = key === null ? [] : (keyCalls.get(key) ?? []);
    prune(appCalls, 60_000, at);
    prune(keyList, SECOND_MS, at);
    const waits = [appPausedUntil - at, (key === null ? -Infinity : (keyPausedUntil.get(key) ?? -Infinity)) - at];
    const lastSecond = appCalls.filter((t) => t > at - SECOND_MS);
    if (lastSecond.length >= options.appPerSecond) waits.push((lastSecond[lastSecond.length - options.appPerSecond] as number) + SECOND_MS - at);
    // Spread out, not in bursts of a whole second's worth: a burst reaches Feishu bunched up and trips
    // its limit even when our own count says it fits. Half the even spacing, so timer overshoot does
    // not add up: the window above still sets the rate.
    const previous = appCalls[appCalls.length - 1];
    if (previous !== undefined) waits.push(previous + SECOND_MS / options.appPerSecond / 2 - at);
    if (appCalls.length >= options.appPerMinute) waits.push((appCalls[appCalls.length - options.appPerMinute] as number) + 60_000 - at);
    if (keyList.length >= options.keyPerSecond) waits.push((keyList[keyList.length - options.keyPerSecond] as number) + SECOND_MS - at);
    return Math.max(0, ...waits);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry: { timer?: NodeJS.Timeout; reject: (e: Error) => void } = { reject };
      const done = () => {
        if (!timers.has(entry)) return;
        timers.delete(entry);
        resolve();
      };
      timers.add(entry);
      if (options.sleep) void options.sleep(ms).then(done);
      else entry.timer = setTimeout(done, ms);
    });
  }

  return {
    async acquire(key) {
      for (;;) {
        if (closed) throw new RateLimiterClosedError();
        const at = now();
        const wait = waitFor(key, at);
        if (wait <= 0) {
          appCalls.push(at);
          if (key === null) return;
          const list = keyCalls.get(key) ?? [];
          list.push(at);
          keyCalls.set(key, list);
          if (keyCalls.size > 10_000) for (const [k, v] of keyCalls) if (v.length === 0) keyCalls.delete(k);
          return;
        }
        await sleep(wait);
      }
    },
    pauseApp(forMs) {
      appPausedUntil = Math.max(appPausedUntil, now() + forMs);
    },
    pauseKey(key, forMs) {
      keyPausedUntil.set(key, Math.max(keyPausedUntil.get(key) ?? -Infinity, now() + forMs));
    },
    close() {
      closed = true;
      for (const entry of timers) {
        if (entry.timer) clearTimeout(entry.timer);
        entry.reject(new RateLimiterClosedError());
      }
      timers.clear();
    },
  };
}
