import { z } from 'zod';
import { booleanFlag, emptyToUndefined, intSetting, optionalUrl } from './config/fields.js';
import { checkinConfigOf, checkinEnv, type CheckinConfig } from './config/checkin-env.js';
import { poolConfigOf, poolEnv, type PoolConfig } from './config/pool-env.js';
import { httpEnv, httpLimitsOf, type HttpLimits } from './config/http-env.js';
import { opsEnv, opsOf, type OpsConfig } from './config/ops-env.js';
import { groupEnv, groupOf, type GroupConfig } from './config/group-env.js';
import { alertsOf, jobsEnv, retentionOf, schedulesOf, type AlertThresholds, type RetentionDays } from './config/jobs-env.js';
import { dingtalkConfigOf, feishuConfigOf, platformEnv, platformProblems, type DingTalkConfig, type FeishuConfig } from './config/platform-env.js';

export { ALERT_THRESHOLD_LIMITS, SCHEDULE_VARIABLES, type AlertThresholds } from './config/jobs-env.js';
export type { FeishuRateLimits } from './config/platform-env.js';
export type { HttpLimits } from './config/http-env.js';

/**
 * The whole environment, validated once at start-up. A bad value stops the process before it listens,
 * with a message naming the variable. Only main.ts and the CLI read the environment; everything else gets
 * a Config. One schema, assembled from the parts in src/config/ (platforms, jobs, HTTP limits).
 */

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
  /** postgres://user:password@host:5432/db selects PostgreSQL (several instances may share it); unset keeps SQLite at DATABASE_PATH. */
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((url) => /^postgres(ql)?:\/\/[^\s]+$/.test(url), { error: 'must be a postgres:// URL' })
      .optional(),
  ),
  /** Connections each instance keeps open to PostgreSQL. */
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }).default(10)),
  APP_TIMEZONE: z.preprocess(
    emptyToUndefined,
    z.string().default('Asia/Shanghai').refine(isValidTimeZone, { error: 'must be an IANA time zone such as Asia/Shanghai' }),
  ),
  PUBLIC_BASE_URL: optionalUrl('http://127.0.0.1:3000'),
  ADMIN_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, { error: 'must be at least 16 characters' }).optional()),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  /** Off unless asked for (`npm run demo` asks): the sandbox lets anyone act as anyone. */
  SANDBOX_ENABLED: booleanFlag(false),
  /** Largest amount a single chat entry may carry, in yuan (a typo guard: 500万 typed as 5000万). */
  MAX_AMOUNT_YUAN: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(100_000_000)),
  /** Calendar days back a rep may date an entry (older ones are post-lock corrections by HR or a manager). */
  BACKDATE_DAYS: intSetting(7, 0, 366),
  /** A bank receipt matches a claimed payment within this many fen (100 = 1 元: fen rounding, not a different payment). */
  FINANCE_MATCH_TOLERANCE_FEN: intSetting(100, 0, 10_000_000),
  /** ...and within this many calendar days of the claimed date (a transfer books a few days after the rep logs it). */
  FINANCE_MATCH_DAYS: intSetting(7, 0, 90),
  JOBS_ENABLED: booleanFlag(true),
  /** Off unless asked for: a visit's 下一步 with a date also becomes a Feishu task / DingTalk to-do (README "Platform tasks"). */
  NEXT_STEP_PLATFORM_TASKS: booleanFlag(false),
  /** Signs the H5 session cookie; without it a random key is used and sessions end at restart. */
  WEB_SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, { error: 'must be at least 32 characters' }).optional()),
  /** Signs customer survey links (/s/<token>); without it a key derived from WEB_SESSION_SECRET is used. */
  SURVEY_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, { error: 'must be at least 32 characters' }).optional()),
  OUTBOX_MAX_ATTEMPTS: intSetting(8, 1, 100),
  /** Largest manager adjustment of a rep's total, in points either way. */
  ASSESSMENT_ADJUSTMENT_BOUND: intSetting(10, 0, 50),
  /** Working days a rep has to acknowledge or appeal a published result. */
  ASSESSMENT_APPEAL_WINDOW_DAYS: intSetting(3, 1, 30),
  /** Days after generation before the manager is reminded of an unsubmitted review. */
  ASSESSMENT_REVIEW_REMINDER_DAYS: intSetting(3, 1, 30),
  /** Share of a period (percent) that must pass before the KPI card shows a grade; before that it shows pace. */
  KPI_MIN_PERIOD_SHARE_FOR_GRADE_PCT: intSetting(25, 0, 100),
  OUTBOX_LEASE_MS: intSetting(60_000, 1000, 3_600_000),
  /** A message stored this long ago and still not handled is taken up by any instance (its own died); 0: only at start. */
  RESUME_RECEIVED_AFTER_MS: intSetting(120_000, 0, 86_400_000),
  /** At shutdown, how long to let work in hand finish before the long connections close (they bring more meanwhile). */
  SHUTDOWN_SETTLE_MS: intSetting(8_000, 0, 600_000),
  OUTBOX_CONCURRENCY: intSetting(8, 1, 64),
  /** Uploaded spreadsheets: data rows, and the size of an .xlsx once unzipped (a zip bomb guard). */
  IMPORT_MAX_ROWS: intSetting(20_000, 1, 1_000_000),
  IMPORT_MAX_UNCOMPRESSED_MB: intSetting(50, 1, 1024),
  ...platformEnv,
  ...jobsEnv,
  ...httpEnv,
  ...opsEnv,
  ...checkinEnv,
  ...poolEnv,
  ...groupEnv,
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends OpsConfig, GroupConfig {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  databasePath: string;
  /** PostgreSQL instead of the SQLite file (never logged: it carries the password). */
  database: { url: string | undefined; poolSize: number };
  timezone: string;
  publicBaseUrl: string;
  adminToken: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  maxAmountFen: number;
  /** Calendar days back a rep may date an entry. */
  backdateDays: number;
  jobsEnabled: boolean;
  /** A visit's dated 下一步 is also made a task on the rep's platform (src/features/next-steps/platform-tasks.ts). */
  nextStepPlatformTasks: boolean;
  outboxMaxAttempts: number;
  assessment: { adjustmentBound: number; appealWindowDays: number; reviewReminderDays: number };
  /** Percent of a period that must pass before a grade shows (src/domain/kpi/pace.ts). */
  kpi: { minPeriodShareForGradePct: number };
  /** Bounds on one uploaded spreadsheet (rows, and bytes once unzipped). */
  imports: { maxRows: number; maxUncompressedBytes: number };
  /** How a finance receipt matches a claimed payment (src/domain/finance/match.ts). */
  finance: { toleranceFen: number; days: number };
  webSessionSecret: string | undefined;
  /** Signs survey links; optional (src/features/surveys/survey-token.ts falls back to WEB_SESSION_SECRET). */
  surveySecret?: string | undefined;
  /** How long a sender owns a message it is sending before another may take it over (after a crash). */
  outboxLeaseMs: number;
  /** A message stored this long ago and not handled is taken up by any instance; 0: only at start. */
  resumeReceivedAfterMs: number;
  /** At shutdown, how long work in hand may finish while the long connections still deliver. */
  shutdownSettleMs: number;
  /** Messages to different recipients the outbox sends at once; the channel's limiter paces them. */
  outboxConcurrency: number;
  /** Cron overrides by job name; jobs not named here keep their default schedule. */
  schedules: Record<string, string>;
  /** Alert thresholds; 0 turns a rule off. */
  alerts: AlertThresholds;
  /** The completeness alert stays quiet until this share (%) of the month has passed. */
  alertCompletenessMinMonthPct: number;
  /** How long housekeeping keeps delivered outbox payloads and sandbox transcripts. */
  retentionDays: RetentionDays;
  sandbox: { enabled: boolean };
  http: HttpLimits;
  feishu: FeishuConfig;
  dingtalk: DingTalkConfig;
  /** Visit check-ins: FILES_DIR, CHECKIN_RADIUS_M, CHECKIN_PHOTO_MAX_KB. */
  checkin: CheckinConfig;
  /** The customer pool (公海): idle days before a customer returns to it (0: off), claims a rep may hold. */
  pool: PoolConfig;
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
  const problems = platformProblems(e);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    timezone: e.APP_TIMEZONE,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    maxAmountFen: e.MAX_AMOUNT_YUAN * 100,
    backdateDays: e.BACKDATE_DAYS,
    jobsEnabled: e.JOBS_ENABLED,
    nextStepPlatformTasks: e.NEXT_STEP_PLATFORM_TASKS,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    assessment: { adjustmentBound: e.ASSESSMENT_ADJUSTMENT_BOUND, appealWindowDays: e.ASSESSMENT_APPEAL_WINDOW_DAYS, reviewReminderDays: e.ASSESSMENT_REVIEW_REMINDER_DAYS },
    kpi: { minPeriodShareForGradePct: e.KPI_MIN_PERIOD_SHARE_FOR_GRADE_PCT },
    webSessionSecret: e.WEB_SESSION_SECRET,
    surveySecret: e.SURVEY_SECRET,
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
    shutdownSettleMs: e.SHUTDOWN_SETTLE_MS,
    resumeReceivedAfterMs: e.RESUME_RECEIVED_AFTER_MS,
    outboxConcurrency: e.OUTBOX_CONCURRENCY,
    imports: { maxRows: e.IMPORT_MAX_ROWS, maxUncompressedBytes: e.IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024 },
    finance: { toleranceFen: e.FINANCE_MATCH_TOLERANCE_FEN, days: e.FINANCE_MATCH_DAYS },
    schedules: schedulesOf(e),
    alerts: alertsOf(e),
    alertCompletenessMinMonthPct: e.ALERT_COMPLETENESS_MIN_MONTH_PCT,
    retentionDays: retentionOf(e),
    sandbox: { enabled: e.SANDBOX_ENABLED },
    http: httpLimitsOf(e),
    feishu: feishuConfigOf(e),
    dingtalk: dingtalkConfigOf(e),
    ...opsOf(e),
    ...groupOf(e),
    checkin: checkinConfigOf(e),
    pool: poolConfigOf(e),
  };
}

/** What a start with this config must shout about in the log (the config is valid, but risky). */
export function startupWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.env === 'production' && config.sandbox.enabled) {
    warnings.push('SANDBOX_ENABLED=true in production: anyone who reaches /sandbox or the H5 dev login can act as ANY user. Turn it off unless this is a demo.');
  }
  return warnings;
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
  '*.surveySecret',
  '*.token',
];
