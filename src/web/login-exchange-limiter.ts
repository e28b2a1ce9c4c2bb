import type { LoginProvider } from '../platforms/login.js';

/**
 * Caps the outbound code exchanges (Feishu / DingTalk token calls) the unauthenticated login routes
 * can cause, for the whole process: at most `perMinute` in each minute of the injected clock and
 * `concurrency` at once. A call over either cap is refused at once, never queued, so a flood costs
 * neither the platform quota nor memory. The per-address request limit sits in front of this.
 */

export interface ExchangeLimits {
  perMinute: number;
  concurrency: number;
}

export class ExchangeBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many login code exchanges');
    this.name = 'ExchangeBusyError';
  }
}

const WINDOW_MS = 60_000;

export function createExchangeLimiter(limits: ExchangeLimits, clock: () => number) {
  let windowStart = Number.NEGATIVE_INFINITY;
  let started = 0;
  let inFlight = 0;

  return {
    async run<T>(exchange: () => Promise<T>): Promise<T> {
      const now = clock();
      if (now - windowStart >= WINDOW_MS) {
        windowStart = now;
        started = 0;
      }
      if (started >= limits.perMinute) throw new ExchangeBusyError(Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000)));
      if (inFlight >= limits.concurrency) throw new ExchangeBusyError(1);
      started += 1;
      inFlight += 1;
      try {
        return await exchange();
      } finally {
        inFlight -= 1;
      }
    },
  };
}

export type ExchangeLimiter = ReturnType<typeof createExchangeLimiter>;

/** The same logins, their code exchanges going through one shared limiter. */
export function limitLogins<K>(logins: ReadonlyMap<K, LoginProvider>, limiter: ExchangeLimiter): Map<K, LoginProvider> {
  return new Map(
    [...logins].map(([name, login]) => [name, login.kind === 'code' ? { ...login, exchange: (code: string) => limiter.run(() => login.exchange(code)) } : login]),
  );
}
