/**
 * Token buckets: one per channel (the app's limit) and one per recipient. acquire() waits until both
 * have a token, so sends stay just under the platform's limits instead of hitting 429s.
 */
export interface RateLimiterOptions {
  perSecond: number;
  perRecipientPerSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export function createRateLimiter(options: RateLimiterOptions) {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // A burst of one second's worth at most: smooth enough for the platform's sliding windows.
  const app: Bucket = { tokens: options.perSecond, updatedAt: now() };
  const recipients = new Map<string, Bucket>();

  function refill(bucket: Bucket, rate: number): void {
    const t = now();
    bucket.tokens = Math.min(rate, bucket.tokens + ((t - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = t;
  }

  function waitMs(bucket: Bucket, rate: number): number {
    return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / rate) * 1000);
  }

  return {
    /** How long until a send to this recipient could go (0 = now), without taking a token. */
    delayFor(recipientKey: string): number {
      refill(app, options.perSecond);
      const r = recipients.get(recipientKey) ?? { tokens: options.perRecipientPerSecond, updatedAt: now() };
      refill(r, options.perRecipientPerSecond);
      return Math.max(waitMs(app, options.perSecond), waitMs(r, options.perRecipientPerSecond));
    },
    async acquire(recipientKey: string): Promise<void> {
      for (;;) {
        refill(app, options.perSecond);
        let r = recipients.get(recipientKey);
        if (!r) {
          r = { tokens: options.perRecipientPerSecond, updatedAt: now() };
          recipients.set(recipientKey, r);
        }
        refill(r, options.perRecipientPerSecond);
        const wait = Math.max(waitMs(app, options.perSecond), waitMs(r, options.perRecipientPerSecond));
        if (wait === 0) {
          app.tokens -= 1;
          r.tokens -= 1;
          if (recipients.size > 10_000) recipients.clear();
          return;
        }
        await sleep(wait);
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
