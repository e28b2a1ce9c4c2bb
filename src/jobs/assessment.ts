import { DateTime } from 'luxon';
import { systemActor } from '../features/actor.js';
import { startAssessmentPeriod } from '../features/assessment/index.js';
import type { JobDefinition } from './job.js';

/**
 * Period close (08:00 on the 1st): the month that just closed gets one assessment per department,
 * every active rep's scorecard frozen, and each manager a review card. Re-running a period creates
 * nothing twice (one assessment per department and period; card keys are idempotent).
 */
export const assessmentJob: JobDefinition = {
  name: 'assessment',
  description: '月度考核：冻结上月成绩并发起经理复核 (freeze last month and start the review)',
  schedule: '0 8 1 * *',
  catchUp: true,
  needsOrg: true,
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).minus({ months: 1 }).toFormat('yyyy-MM'),
  validatePeriod: (key) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(key) ? null : 'period must be a month YYYY-MM'),
  async run(deps, { now, periodKey }) {
    const { created, existing, reviewCards } = await startAssessmentPeriod(deps.assessment, systemActor('job', now), { periodKey });
    return {
      sent: reviewCards.queued,
      alreadySent: reviewCards.duplicates,
      skipped: { unreachable: reviewCards.unreachable, noReviewer: reviewCards.noReviewer },
      // No rep in any department to assess: nothing is frozen, so a run after the org import goes ahead.
      idle: created + existing === 0 ? 'nothing-to-assess' : undefined,
      details: { created, existing },
    };
  },
};
