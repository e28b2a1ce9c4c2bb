import { DateTime } from 'luxon';
import { parsePeriodKey } from '../domain/period.js';
import { queueWeeklyGroupPosts } from '../features/group-chats/weekly-post.js';
import { queueWeeklyReport } from '../features/reports/index.js';
import type { JobDefinition } from './job.js';

/**
 * Monday 09:00: last week's KPI card to every rep and the team ranking to every manager, through the
 * outbox (keys `weekly-report:<week>:user-<id>` / `manager-<id>`), so a second run or a restart
 * cannot send a card twice. The period is the ISO week that just ended; a run missed while the
 * service was down is caught up at start-up.
 */
export const weeklyReportJob: JobDefinition = {
  name: 'weekly-report',
  description: '每周业绩周报与团队排行 (weekly KPI cards to reps, ranking cards to managers)',
  schedule: '0 9 * * 1',
  catchUp: true,
  needsOrg: true,
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).minus({ weeks: 1 }).toFormat("kkkk-'W'WW"),
  validatePeriod: (key) => (parsePeriodKey(key)?.type === 'week' ? null : '周期须为 ISO 周，例如 2026-W48 (period must be an ISO week such as 2026-W48)'),
  async run(deps, { now, periodKey, progress }) {
    const plan = await queueWeeklyReport(deps, { periodKey, now, onProgress: progress });
    // Then each bound team group's top N (keys per group and week: a re-run posts nothing twice).
    const groups = await queueWeeklyGroupPosts(deps, { periodKey });
    const queued = plan.queued + groups.queued;
    const duplicates = plan.duplicates + groups.duplicates;
    return {
      sent: queued,
      alreadySent: duplicates,
      skipped: { unsubscribed: plan.unsubscribed, unreachable: plan.unreachable },
      // Nobody reachable yet (no identities synced, say): the week stays open for a later run.
      idle: plan.messages.length === 0 ? 'no-recipients' : undefined,
      details: { week: periodKey, repCards: plan.repCards, managerCards: plan.managerCards, groupPosts: groups.messages.length },
    };
  },
};
