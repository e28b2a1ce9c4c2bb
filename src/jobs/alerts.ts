import { DateTime } from 'luxon';
import { queueDailyAlerts } from '../features/alerts/index.js';
import type { JobDefinition } from './job.js';

/**
 * Daily 18:00: the alert rules (no visits, low month-to-date achievement, stuck opportunities,
 * unanswered complaints, low data completeness) to each rep's manager, one card per manager and run.
 * The period is the day; the conditions are read at run time. Each alert's key names its own subject
 * and period and is remembered (alert_notices), so a condition that still holds tomorrow is not sent again.
 */
export const alertsJob: JobDefinition = {
  name: 'alerts',
  description: '每日预警：未拜访、达成偏低、商机停滞、投诉超时、资料不全 (daily alerts to managers)',
  schedule: '0 18 * * *',
  // No catch-up: a condition that still holds is found by the next evening's run (the keys make it
  // once), and an alert burst at start-up time (say 03:00) would reach managers at the wrong hour.
  catchUp: false,
  needsOrg: true,
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).toISODate() as string,
  validatePeriod: (key) => (/^\d{4}-\d{2}-\d{2}$/.test(key) && DateTime.fromISO(key).isValid ? null : '周期须为日期 YYYY-MM-DD (period must be a date YYYY-MM-DD)'),
  async run(deps, { now }) {
    const { queued, alerts, duplicates, unroutable, found, disabled } = await queueDailyAlerts(deps, { now });
    // sent: cards (one per manager with anything new); alerts: what they carry; alreadySent: alerts told before.
    return { sent: queued, alreadySent: duplicates, skipped: { unreachable: unroutable }, details: { alerts, found, disabledRules: disabled } };
  },
};
