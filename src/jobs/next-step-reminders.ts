import { DateTime } from 'luxon';
import { queueNextStepReminders } from '../features/next-steps/reminders.js';
import type { JobDefinition } from './job.js';

/**
 * Daily 09:00 (SCHEDULE_NEXT_STEPS): each rep gets a card for every next step due today, with 完成 /
 * 改期 / 记拜访. The period is the day; the outbox key (step and due date) makes each reminder once.
 */
export const nextStepRemindersJob: JobDefinition = {
  name: 'next-step-reminders',
  description: '下一步提醒：当天到期的下一步发给销售 (next steps due today, to each rep)',
  schedule: '0 9 * * *',
  // Caught up at start: a service down at 09:00 still sends that day's reminders (late, never twice).
  catchUp: true,
  needsOrg: true,
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).toISODate() as string,
  validatePeriod: (key) => (/^\d{4}-\d{2}-\d{2}$/.test(key) && DateTime.fromISO(key).isValid ? null : '周期须为日期 YYYY-MM-DD (period must be a date YYYY-MM-DD)'),
  async run(deps, { now, periodKey }) {
    // The period is the due date: a catch-up at 03:00 for yesterday's missed run reminds yesterday's steps, not today's early.
    const outcome = await queueNextStepReminders(deps, { now, date: periodKey });
    return { sent: outcome.queued, alreadySent: outcome.duplicates, skipped: { unreachable: outcome.unreachable }, details: { due: outcome.due } };
  },
};
