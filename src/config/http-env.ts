import { intSetting } from './fields.js';

/**
 * The HTTP doors' limits. Requests per minute are counted per client address; the login code
 * exchanges (outbound calls to Feishu / DingTalk an unauthenticated caller can cause) are also
 * capped for the whole process, so a flood from many addresses cannot spend the app's API quota.
 */
export const httpEnv = {
  RATE_LIMIT_LOGIN_PER_MINUTE: intSetting(20, 1, 10_000),
  RATE_LIMIT_WEBHOOK_PER_MINUTE: intSetting(600, 1, 100_000),
  RATE_LIMIT_ADMIN_PER_MINUTE: intSetting(120, 1, 100_000),
  /** The public survey page /s/<token>: a customer opens and submits it a few times at most. */
  RATE_LIMIT_SURVEY_PER_MINUTE: intSetting(30, 1, 10_000),
  LOGIN_EXCHANGES_PER_MINUTE: intSetting(120, 1, 10_000),
  LOGIN_EXCHANGE_CONCURRENCY: intSetting(4, 1, 64),
};

export interface HttpLimits {
  /** Requests per minute and client address on each group of routes. */
  perMinute: { login: number; webhook: number; admin: number; survey: number };
  /** Outbound login code exchanges for the whole process: per minute, and at once. */
  loginExchanges: { perMinute: number; concurrency: number };
}

export function httpLimitsOf(e: { [K in keyof typeof httpEnv]: number }): HttpLimits {
  return {
    perMinute: { login: e.RATE_LIMIT_LOGIN_PER_MINUTE, webhook: e.RATE_LIMIT_WEBHOOK_PER_MINUTE, admin: e.RATE_LIMIT_ADMIN_PER_MINUTE, survey: e.RATE_LIMIT_SURVEY_PER_MINUTE },
    loginExchanges: { perMinute: e.LOGIN_EXCHANGES_PER_MINUTE, concurrency: e.LOGIN_EXCHANGE_CONCURRENCY },
  };
}
