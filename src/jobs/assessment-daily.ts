import { DateTime } from 'luxon';
import { createAssessmentPeriodRepository } from '../db/repositories/assessment-periods.js';
import { detectPostLockAdjustments } from '../db/repositories/assessment-post-lock.js';
import { systemActor } from '../features/actor.js';
import { finalizeDueResults, sendReviewReminders } from '../features/assessment/index.js';
import type { JobDefinition } from './job.js';

/** How far back corrections to locked periods are looked for every day (the admin API checks any period). */
const POST_LOCK_LOOKBACK_MS = 62 * 86_400_000;

/**
 * Daily upkeep of the cycle: one reminder for each review past its due date, results past their
 * acknowledge/appeal window become final, and corrections to recently locked periods are listed as
 * post-lock adjustments.
 */
export const assessmentDailyJob: JobDefinition = {
  name: 'assessment-daily',
  description: '考核日常：复核提醒、结果到期生效、锁定后更正检查 (reminders, finalisation, post-lock check)',
  schedule: '0 9 * * *',
  catchUp: true,
  needsOrg: true,
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).toISODate() as string,
  validatePeriod: (key) => (/^\d{4}-\d{2}-\d{2}$/.test(key) ? null : 'period must be a date YYYY-MM-DD'),
  async run(deps, { now }) {
    const actor = { userId: null, source: 'job', now };
    const reminders = await sendReviewReminders(deps.assessment, systemActor('job', now));
    const finalized = await finalizeDueResults(deps.assessment, systemActor('job', now));
    const periods = await createAssessmentPeriodRepository(deps.db).approvedSince(now - POST_LOCK_LOOKBACK_MS);
    let postLock = 0;
    for (const periodKey of periods) postLock += (await detectPostLockAdjustments(deps.db, periodKey, actor, deps.config.timezone)).filter((a) => a.detectedAt === now).length;
    return { sent: reminders, alreadySent: 0, skipped: {}, details: { reminders, finalized, postLockAdjustments: postLock } };
  },
};
