import cron from 'node-cron';
import { z } from 'zod';
import { emptyToUndefined, intSetting } from './fields.js';

/** Cron expressions per job (SCHEDULE_WEEKLY_REPORT -> weekly-report), checked with node-cron at start-up. */
export const SCHEDULE_VARIABLES = {
  SCHEDULE_WEEKLY_REPORT: 'weekly-report',
  SCHEDULE_ALERTS: 'alerts',
  SCHEDULE_ORG_SYNC: 'org-sync',
  SCHEDULE_ASSESSMENT: 'assessment',
  SCHEDULE_HOUSEKEEPING: 'housekeeping',
  SCHEDULE_BACKUP: 'backup',
  SCHEDULE_NEXT_STEPS: 'next-step-reminders',
} as const;

export interface AlertThresholds {
  noVisitWorkingDays: number;
  monthToDateAchievementBelowPct: number;
  stuckDealDays: number;
  complaintResponseHours: number;
  completenessBelowPct: number;
}

/** What the housekeeping job keeps, in days (rows older than this lose what they no longer need). */
export interface RetentionDays {
  /** Delivered outbox files: their bytes are dropped (the biggest payloads, so they go first). */
  outboxFilePayload: number;
  /** Every other delivered outbox payload. The row and its idempotency key stay: nothing is sent twice. */
  outboxPayload: number;
  /** Sandbox chat transcript lines and the files shown in them. */
  sandboxMessages: number;
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

const cronExpression = z.preprocess(
  emptyToUndefined,
  z.string().refine((v) => cron.validate(v), { error: 'must be a cron expression such as "0 9 * * 1"' }).optional(),
);

/** The schedule and alert variables of the environment schema. */
export const jobsEnv = {
  ...(Object.fromEntries(Object.keys(SCHEDULE_VARIABLES).map((name) => [name, cronExpression])) as Record<keyof typeof SCHEDULE_VARIABLES, typeof cronExpression>),
  ALERT_NO_VISIT_WORKING_DAYS: alertThreshold(3, ALERT_THRESHOLD_LIMITS.noVisitWorkingDays.max),
  ALERT_MTD_ACHIEVEMENT_BELOW_PCT: alertThreshold(60, ALERT_THRESHOLD_LIMITS.monthToDateAchievementBelowPct.max),
  ALERT_STUCK_DEAL_DAYS: alertThreshold(30, ALERT_THRESHOLD_LIMITS.stuckDealDays.max),
  ALERT_COMPLAINT_RESPONSE_HOURS: alertThreshold(24, ALERT_THRESHOLD_LIMITS.complaintResponseHours.max),
  ALERT_COMPLETENESS_BELOW_PCT: alertThreshold(80, ALERT_THRESHOLD_LIMITS.completenessBelowPct.max),
  // The completeness alert waits until this share (%) of the month has passed: a 2nd-of-the-month alert judges a book barely started.
  ALERT_COMPLETENESS_MIN_MONTH_PCT: intSetting(25, 0, 100),
  OUTBOX_FILE_PAYLOAD_RETENTION_DAYS: intSetting(7, 1, 3650),
  OUTBOX_PAYLOAD_RETENTION_DAYS: intSetting(30, 1, 3650),
  SANDBOX_MESSAGE_RETENTION_DAYS: intSetting(30, 1, 3650),
};

type JobsEnv = z.infer<z.ZodObject<typeof jobsEnv>>;

/** Cron overrides by job name; jobs not named keep their default schedule. */
export function schedulesOf(e: JobsEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SCHEDULE_VARIABLES).flatMap(([variable, job]) => {
      const expression = e[variable as keyof typeof SCHEDULE_VARIABLES];
      return expression ? [[job, expression]] : [];
    }),
  );
}

export function alertsOf(e: JobsEnv): AlertThresholds {
  return {
    noVisitWorkingDays: e.ALERT_NO_VISIT_WORKING_DAYS,
    monthToDateAchievementBelowPct: e.ALERT_MTD_ACHIEVEMENT_BELOW_PCT,
    stuckDealDays: e.ALERT_STUCK_DEAL_DAYS,
    complaintResponseHours: e.ALERT_COMPLAINT_RESPONSE_HOURS,
    completenessBelowPct: e.ALERT_COMPLETENESS_BELOW_PCT,
  };
}

export function retentionOf(e: JobsEnv): RetentionDays {
  return { outboxFilePayload: e.OUTBOX_FILE_PAYLOAD_RETENTION_DAYS, outboxPayload: e.OUTBOX_PAYLOAD_RETENTION_DAYS, sandboxMessages: e.SANDBOX_MESSAGE_RETENTION_DAYS };
}
