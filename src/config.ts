import cron from 'node-cron';
import { z } from 'zod';

/**
 * The whole environment, validated once at start-up. A bad value stops the process before it listens,
 * with a message naming the variable. Only main.ts and the CLI read the environment; everything else gets
 * a Config.
 */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^(https?|wss?)$/, error: 'must be an http(s) or ws(s) URL' })
      .default(fallback)
      .transform((u) => u.replace(/\/+$/, '')),
  );
const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

/** Cron expressions per job (SCHEDULE_WEEKLY_REPORT -> weekly-report), checked with node-cron at start-up. */
export const SCHEDULE_VARIABLES = {
  SCHEDULE_WEEKLY_REPORT: 'weekly-report',
  SCHEDULE_ALERTS: 'alerts',
  SCHEDULE_ORG_SYNC: 'org-sync',
  SCHEDULE_ASSESSMENT: 'assessment',
  SCHEDULE_HOUSEKEEPING: 'housekeeping',
} as const;

function scheduleVariables() {
  const cronExpression = z.preprocess(
    emptyToUndefined,
    z.string().refine((v) => cron.validate(v), { error: 'must be a cron expression such as "0 9 * * 1"' }).optional(),
  );
  return Object.fromEntries(Object.keys(SCHEDULE_VARIABLES).map((name) => [name, cronExpression])) as Record<keyof typeof SCHEDULE_VARIABLES, typeof cronExpression>;
}

/** Each alert threshold's ALERT_* variable and upper bound (also the bounds of the H5 alert-rules page's overrides). */
export const ALERT_THRESHOLD_LIMITS = {
  noVisitWorkingDays: { env: 'ALERT_NO_VISIT_WORKING_DAYS', max: 60 },
  monthToDateAchievementBelowPct: { env: 'ALERT_MTD_ACHIEVEMENT_BELOW_PCT', max: 100 },
  stuckDealDays: { env: 'ALERT_STUCK_DEAL_DAYS', max: 365 },
  complaintResponseHours: { env: 'ALERT_COMPLAINT_RESPONSE_HOURS', max: 720 },
  completenessBelowPct: { env: 'ALERT_COMPLETENESS_BELOW_PCT', max: 100 },
} as const satisfies Record<keyof AlertThresholds, { env: string; max: number }>;

/** An alert rule's threshold; 0 turns the rule off. */
const alertThreshold = (fallback: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number({ error: 'must be a number' }).min(0, { error: 'must be 0 (off) or more' }).max(max, { error: `must be at most ${max}` }).default(fallback));

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'must be a port number' })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be between 0 and 65535' })
      .max(65535, { error: 'must be between 0 and 65535' })
      .default(3000),
  ),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  DATABASE_PATH: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('./data/sales-kpi.db')
      // eslint-disable-next-line no-control-regex
      .refine((p) => !/[\u0000-\u001f]/.test(p), { error: 'must not contain control characters' })
      .refine((p) => !/[/\\]$/.test(p), { error: 'must be a file path, not a directory' }),
  ),
  APP_TIMEZONE: z.preprocess(
    emptyToUndefined,
    z.string().default('Asia/Shanghai').refine(isValidTimeZone, { error: 'must be an IANA time zone such as Asia/Shanghai' }),
  ),
  PUBLIC_BASE_URL: optionalUrl('http://127.0.0.1:3000'),
  ADMIN_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  ),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  SANDBOX_ENABLED: z.preprocess(emptyToUndefined, z.enum(['true', 'false', 'auto']).default('auto')),
  /** Largest amount a single chat entry may carry, in yuan (a typo guard: 500万 typed as 5000万). */
  MAX_AMOUNT_YUAN: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(100_000_000)),

  FEISHU_APP_ID: optionalString,
  FEISHU_APP_SECRET: optionalString,
  FEISHU_VERIFICATION_TOKEN: optionalString,
  FEISHU_ENCRYPT_KEY: optionalString,
  FEISHU_MODE: z.preprocess(emptyToUndefined, z.enum(['webhook', 'ws']).default('webhook')),
  FEISHU_BASE_URL: optionalUrl('https://open.feishu.cn'),

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

  JOBS_ENABLED: booleanFlag(true),
  /** Signs the H5 session cookie; without it a random key is used and sessions end at restart. */
  WEB_SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, { error: 'must be at least 32 characters' }).optional()),
  OUTBOX_MAX_ATTEMPTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(8)),
  /** Largest manager adjustment of a rep's total, in points either way. */
  ASSESSMENT_ADJUSTMENT_BOUND: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(50).default(10)),
  /** Working days a rep has to acknowledge or appeal a published result. */
  ASSESSMENT_APPEAL_WINDOW_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(30).default(3)),
  /** Days after generation before the manager is reminded of an unsubmitted review. */
  ASSESSMENT_REVIEW_REMINDER_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(30).default(3)),
  OUTBOX_LEASE_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(3_600_000).default(60_000)),
  OUTBOX_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).default(8)),
  FEISHU_RATE_PER_SECOND: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(50)),
  FEISHU_RATE_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(60_000).default(1000)),
  FEISHU_RATE_PER_USER_PER_SECOND: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(5)),
  ...scheduleVariables(),
  /** Uploaded spreadsheets: data rows, and the size of an .xlsx once unzipped (a zip bomb guard). */
  IMPORT_MAX_ROWS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(20_000)),
  IMPORT_MAX_UNCOMPRESSED_MB: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1024).default(50)),
  ALERT_NO_VISIT_WORKING_DAYS: alertThreshold(3, ALERT_THRESHOLD_LIMITS.noVisitWorkingDays.max),
  ALERT_MTD_ACHIEVEMENT_BELOW_PCT: alertThreshold(60, ALERT_THRESHOLD_LIMITS.monthToDateAchievementBelowPct.max),
  ALERT_STUCK_DEAL_DAYS: alertThreshold(30, ALERT_THRESHOLD_LIMITS.stuckDealDays.max),
  ALERT_COMPLAINT_RESPONSE_HOURS: alertThreshold(24, ALERT_THRESHOLD_LIMITS.complaintResponseHours.max),
  ALERT_COMPLETENESS_BELOW_PCT: alertThreshold(80, ALERT_THRESHOLD_LIMITS.completenessBelowPct.max),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  databasePath: string;
  timezone: string;
  publicBaseUrl: string;
  adminToken: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  maxAmountFen: number;
  jobsEnabled: boolean;
  outboxMaxAttempts: number;
  assessment: { adjustmentBound: number; appealWindowDays: number; reviewReminderDays: number };
  webSessionSecret: string | undefined;
  /** How long a sender owns a message it is sending before another may take it over (after a crash). */
  outboxLeaseMs: number;
  /** Messages to different recipients the outbox sends at once; the channel's limiter paces them. */
  outboxConcurrency: number;
  /** Cron overrides by job name; jobs not named here keep their default schedule. */
  schedules: Record<string, string>;
  /** Alert thresholds; 0 turns a rule off. */
  alerts: AlertThresholds;
  sandbox: { enabled: boolean };
  /** Bounds on one uploaded spreadsheet (rows, and bytes once unzipped). */
  imports: { maxRows: number; maxUncompressedBytes: number };
  feishu:
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
  dingtalk:
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
}

export interface AlertThresholds {
  noVisitWorkingDays: number;
  monthToDateAchievementBelowPct: number;
  stuckDealDays: number;
  complaintResponseHours: number;
  completenessBelowPct: number;
}

/** Feishu's send limits for this tenant (defaults: the documented 50/s and 1000/min per app, 5/s per user). */
export interface FeishuRateLimits {
  perSecond: number;
  perMinute: number;
  perUserPerSecond: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a Config, or throws a ConfigError listing every bad variable. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '(environment)');
        const value = source[name];
        // Never echo secrets back; other values help the operator see the typo.
        const shown = value === undefined || /SECRET|TOKEN|KEY/.test(name) ? '' : ` (got "${value}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];

  const feishuGiven = Boolean(e.FEISHU_APP_ID || e.FEISHU_APP_SECRET);
  if (feishuGiven && !(e.FEISHU_APP_ID && e.FEISHU_APP_SECRET)) {
    problems.push('FEISHU_APP_ID and FEISHU_APP_SECRET: set both to enable Feishu, or neither');
  }
  if (feishuGiven && e.FEISHU_MODE === 'webhook' && !e.FEISHU_VERIFICATION_TOKEN && !e.FEISHU_ENCRYPT_KEY) {
    problems.push('FEISHU_VERIFICATION_TOKEN: required in webhook mode (or set FEISHU_ENCRYPT_KEY) so callbacks can be authenticated');
  }
  const dingtalkGiven = Boolean(e.DINGTALK_CLIENT_ID || e.DINGTALK_CLIENT_SECRET);
  if (dingtalkGiven && !(e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET)) {
    problems.push('DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET: set both to enable DingTalk, or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const feishuEnabled = Boolean(e.FEISHU_APP_ID && e.FEISHU_APP_SECRET);
  const dingtalkEnabled = Boolean(e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET);
  const sandboxEnabled =
    e.SANDBOX_ENABLED === 'true' ||
    (e.SANDBOX_ENABLED === 'auto' && e.NODE_ENV !== 'production' && !feishuEnabled && !dingtalkEnabled);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    timezone: e.APP_TIMEZONE,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    maxAmountFen: e.MAX_AMOUNT_YUAN * 100,
    jobsEnabled: e.JOBS_ENABLED,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    assessment: { adjustmentBound: e.ASSESSMENT_ADJUSTMENT_BOUND, appealWindowDays: e.ASSESSMENT_APPEAL_WINDOW_DAYS, reviewReminderDays: e.ASSESSMENT_REVIEW_REMINDER_DAYS },
    webSessionSecret: e.WEB_SESSION_SECRET,
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
    outboxConcurrency: e.OUTBOX_CONCURRENCY,
    schedules: Object.fromEntries(
      Object.entries(SCHEDULE_VARIABLES).flatMap(([variable, job]) => {
        const expression = e[variable as keyof typeof SCHEDULE_VARIABLES];
        return expression ? [[job, expression]] : [];
      }),
    ),
    alerts: {
      noVisitWorkingDays: e.ALERT_NO_VISIT_WORKING_DAYS,
      monthToDateAchievementBelowPct: e.ALERT_MTD_ACHIEVEMENT_BELOW_PCT,
      stuckDealDays: e.ALERT_STUCK_DEAL_DAYS,
      complaintResponseHours: e.ALERT_COMPLAINT_RESPONSE_HOURS,
      completenessBelowPct: e.ALERT_COMPLETENESS_BELOW_PCT,
    },
    sandbox: { enabled: sandboxEnabled },
    imports: { maxRows: e.IMPORT_MAX_ROWS, maxUncompressedBytes: e.IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024 },
    feishu: feishuEnabled
      ? {
          enabled: true,
          appId: e.FEISHU_APP_ID as string,
          appSecret: e.FEISHU_APP_SECRET as string,
          verificationToken: e.FEISHU_VERIFICATION_TOKEN,
          encryptKey: e.FEISHU_ENCRYPT_KEY,
          mode: e.FEISHU_MODE,
          baseUrl: e.FEISHU_BASE_URL,
          rateLimits: { perSecond: e.FEISHU_RATE_PER_SECOND, perMinute: e.FEISHU_RATE_PER_MINUTE, perUserPerSecond: e.FEISHU_RATE_PER_USER_PER_SECOND },
        }
      : { enabled: false, baseUrl: e.FEISHU_BASE_URL, mode: e.FEISHU_MODE },
    dingtalk: dingtalkEnabled
      ? {
          enabled: true,
          clientId: e.DINGTALK_CLIENT_ID as string,
          clientSecret: e.DINGTALK_CLIENT_SECRET as string,
          robotCode: e.DINGTALK_ROBOT_CODE ?? (e.DINGTALK_CLIENT_ID as string),
          corpId: e.DINGTALK_CORP_ID,
          mode: e.DINGTALK_MODE,
          apiBaseUrl: e.DINGTALK_API_BASE_URL,
          oapiBaseUrl: e.DINGTALK_OAPI_BASE_URL,
          gatewayUrl: e.DINGTALK_GATEWAY_URL,
          cardCallbackSecret: e.DINGTALK_CARD_CALLBACK_SECRET,
          cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID,
        }
      : { enabled: false },
  };
}

/** Secrets the logger must never print, whatever path they appear under. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-lark-signature"]',
  'req.headers.sign',
  '*.appSecret',
  '*.clientSecret',
  '*.adminToken',
  '*.encryptKey',
  '*.verificationToken',
  '*.webSessionSecret',
  '*.token',
];
