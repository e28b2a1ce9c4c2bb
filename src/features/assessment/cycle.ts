import { detectPostLockAdjustments } from '../../db/repositories/assessment-post-lock.js';
import { t } from '../../i18n/index.js';
import { parsePeriodKey } from '../../domain/period.js';
import { problem } from '../../domain/problem.js';
import type { SystemActor } from '../actor.js';
import { auditActor, fail, inTransaction } from './access.js';
import type { AssessmentDeps } from './deps.js';
import { newTally, reviewersOf, sendReviewCard, type ReviewCardTally } from './follow-ups.js';

export type { ReviewCardTally } from './follow-ups.js';

/**
 * Period close: generate every department's assessment and send each manager their review card.
 * Assessments of the period already under review get their review card again through the same
 * outbox key, so a reviewer who had it is not sent it twice and one who was unreachable gets it.
 */
export async function startAssessmentPeriod(deps: AssessmentDeps, actor: SystemActor, input: { periodKey: string }): Promise<{ created: number; existing: number; reviewCards: ReviewCardTally }> {
  const { periodKey } = input;
  const period = parsePeriodKey(periodKey, deps.config.timezone);
  if (!period || period.type !== 'month') fail(problem('VALIDATION_FAILED', 'assessment.problem.notAMonth', { period: periodKey }));
  // A period still open would freeze half a month: refuse, a later run (after the close) goes ahead.
  if (actor.now < period.end) fail(problem('VALIDATION_FAILED', 'assessment.problem.periodOpen', { period: periodKey }));
  const { created, existing } = await deps.assessments.generate(periodKey, auditActor(actor));
  const tally = newTally();
  await inTransaction(deps, async () => {
    const createdIds = new Set(created.map((row) => row.id));
    for (const row of created) await sendReviewCard(deps, row, tally);
    for (const row of await deps.assessments.listByPeriod(periodKey)) {
      if (!createdIds.has(row.id) && row.status === 'in_review') await sendReviewCard(deps, row, tally);
    }
  });
  return { created: created.length, existing, reviewCards: tally };
}

/** Reviews overdue and not yet reminded: one reminder each, to whoever reviews. */
export async function sendReviewReminders(deps: AssessmentDeps, actor: SystemActor): Promise<number> {
  return await inTransaction(deps, async () => {
    const due = await deps.assessments.takeDueReminders(actor.now);
    for (const row of due) {
      const department = await deps.assessments.departmentName(row.departmentId);
      for (const userId of await reviewersOf(deps, row)) await deps.notifier.sendText(userId, (locale) => t(locale, 'assessment.review.reminder', { department, period: row.periodKey }), `reminder:${row.id}`);
    }
    return due.length;
  });
}

/** Results whose acknowledge/appeal window is over become final. */
export async function finalizeDueResults(deps: AssessmentDeps, actor: SystemActor): Promise<number> {
  return await deps.assessments.finalizeDue(auditActor(actor));
}

/** Corrections to a locked period (records changed after its approval), recorded once each and listed. */
export async function postLockAdjustments(deps: AssessmentDeps, actor: SystemActor, input: { periodKey: string }) {
  return await detectPostLockAdjustments(deps.db, input.periodKey, auditActor(actor), deps.config.timezone);
}
