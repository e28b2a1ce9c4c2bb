import { z } from 'zod';
import { emptyToUndefined, intSetting, optionalString, optionalUrl } from './fields.js';

/** The Feishu and DingTalk variables of the environment schema. */
export const platformEnv = {
  FEISHU_APP_ID: optionalString,
  FEISHU_APP_SECRET: optionalString,
  FEISHU_VERIFICATION_TOKEN: optionalString,
  FEISHU_ENCRYPT_KEY: optionalString,
  FEISHU_MODE: z.preprocess(emptyToUndefined, z.enum(['webhook', 'ws']).default('webhook')),
  FEISHU_BASE_URL: optionalUrl('https://open.feishu.cn'),
  FEISHU_RATE_PER_SECOND: intSetting(50, 1, 1000),
  FEISHU_RATE_PER_MINUTE: intSetting(1000, 1, 60_000),
  FEISHU_RATE_PER_USER_PER_SECOND: intSetting(5, 1, 100),
  /**
   * How many instances share the app's platform limits (several behind a load balancer on one PostgreSQL):
   * each sends at most its share, so together they stay under the platform's per-app limits.
   */
  APP_INSTANCES: intSetting(1, 1, 64),

  DINGTALK_CLIENT_ID: optionalString,
  DINGTALK_CLIENT_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_CORP_ID: optionalString,
  DINGTALK_MODE: z.preprocess(emptyToUndefined, z.enum(['stream', 'webhook']).default('stream')),
  DINGTALK_API_BASE_URL: optionalUrl('https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE_URL: optionalUrl('https://oapi.dingtalk.com'),
  DINGTALK_GATEWAY_URL: optionalUrl('https://api.dingtalk.com/v1.0/gateway/connections/open'),
  DINGTALK_CARD_CALLBACK_SECRET: optionalString,
  DINGTALK_CARD_TEMPLATE_ID: optionalString,
};

/** Feishu's send limits for this tenant (defaults: the documented 50/s and 1000/min per app, 5/s per user). */
export interface FeishuRateLimits {
  perSecond: number;
  perMinute: number;
  perUserPerSecond: number;
}

export type FeishuConfig =
  | {
      enabled: true;
      appId: string;
      appSecret: string;
      verificationToken: string | undefined;
      encryptKey: string | undefined;
      mode: 'webhook' | 'ws';
      baseUrl: string;
      rateLimits: FeishuRateLimits;
    }
  | { enabled: false; baseUrl: string; mode: 'webhook' | 'ws' };

export type DingTalkConfig =
  | {
      enabled: true;
      clientId: string;
      clientSecret: string;
      robotCode: string;
      corpId: string | undefined;
      mode: 'stream' | 'webhook';
      apiBaseUrl: string;
      oapiBaseUrl: string;
      gatewayUrl: string;
      cardCallbackSecret: string | undefined;
      cardTemplateId: string | undefined;
    }
  | { enabled: false };

type PlatformEnv = z.infer<z.ZodObject<typeof platformEnv>>;

/** Problems a schema cannot see alone: half-given credentials, and callbacks nobody could authenticate. */
export function platformProblems(e: PlatformEnv & { NODE_ENV: string }): string[] {
  const problems: string[] = [];
  const feishuGiven = Boolean(e.FEISHU_APP_ID || e.FEISHU_APP_SECRET);
  if (feishuGiven && !(e.FEISHU_APP_ID && e.FEISHU_APP_SECRET)) {
    problems.push('FEISHU_APP_ID and FEISHU_APP_SECRET: set both to enable Feishu, or neither');
  }
  if (feishuGiven && e.FEISHU_MODE === 'webhook' && !e.FEISHU_VERIFICATION_TOKEN && !e.FEISHU_ENCRYPT_KEY) {
    problems.push('FEISHU_VERIFICATION_TOKEN: required in webhook mode (or set FEISHU_ENCRYPT_KEY) so callbacks can be authenticated');
  } else if (feishuGiven && e.NODE_ENV === 'production' && e.FEISHU_VERIFICATION_TOKEN && !e.FEISHU_ENCRYPT_KEY) {
    // Without an Encrypt Key Feishu signs nothing: a token seen once would let anyone post any event.
    problems.push('FEISHU_ENCRYPT_KEY: required in production; token-only callbacks are unsigned and refused (set the Encrypt Key in the Feishu console)');
  }
  const dingtalkGiven = Boolean(e.DINGTALK_CLIENT_ID || e.DINGTALK_CLIENT_SECRET);
  if (dingtalkGiven && !(e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET)) {
    problems.push('DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET: set both to enable DingTalk, or neither');
  }
  return problems;
}

/**
 * One instance's share of the app-wide limits: each of `instances` takes an equal part (rounded down,
 * at least 1), so their sum stays under what Feishu allows the app, whichever instance a send lands on.
 * Shared, a fifth is kept back: each instance spaces its own calls, but two instances' calls can arrive
 * bunched (network, a busy host), and Feishu counts them when they arrive.
 */
export function shareOf(limits: FeishuRateLimits, instances: number): FeishuRateLimits {
  const part = (limit: number) => (instances === 1 ? limit : Math.max(1, Math.floor((limit * 0.8) / instances)));
  return { perSecond: part(limits.perSecond), perMinute: part(limits.perMinute), perUserPerSecond: part(limits.perUserPerSecond) };
}

export function feishuConfigOf(e: PlatformEnv): FeishuConfig {
  if (!(e.FEISHU_APP_ID && e.FEISHU_APP_SECRET)) return { enabled: false, baseUrl: e.FEISHU_BASE_URL, mode: e.FEISHU_MODE };
  return {
    enabled: true,
    appId: e.FEISHU_APP_ID,
    appSecret: e.FEISHU_APP_SECRET,
    verificationToken: e.FEISHU_VERIFICATION_TOKEN,
    encryptKey: e.FEISHU_ENCRYPT_KEY,
    mode: e.FEISHU_MODE,
    baseUrl: e.FEISHU_BASE_URL,
    rateLimits: shareOf({ perSecond: e.FEISHU_RATE_PER_SECOND, perMinute: e.FEISHU_RATE_PER_MINUTE, perUserPerSecond: e.FEISHU_RATE_PER_USER_PER_SECOND }, e.APP_INSTANCES),
  };
}

export function dingtalkConfigOf(e: PlatformEnv): DingTalkConfig {
  if (!(e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET)) return { enabled: false };
  return {
    enabled: true,
    clientId: e.DINGTALK_CLIENT_ID,
    clientSecret: e.DINGTALK_CLIENT_SECRET,
    robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID,
    corpId: e.DINGTALK_CORP_ID,
    mode: e.DINGTALK_MODE,
    apiBaseUrl: e.DINGTALK_API_BASE_URL,
    oapiBaseUrl: e.DINGTALK_OAPI_BASE_URL,
    gatewayUrl: e.DINGTALK_GATEWAY_URL,
    cardCallbackSecret: e.DINGTALK_CARD_CALLBACK_SECRET,
    cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID,
  };
}
