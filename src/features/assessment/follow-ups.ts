import { assessmentApprovalCard } from '../../../cards/assessment-approval.js';
import { assessmentAppealCard } from '../../../cards/assessment-appeal.js';
import { assessmentResultCard } from '../../../cards/assessment-result.js';
import { assessmentReviewCard } from '../../../cards/assessment-review.js';
import type { AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
import { t } from '../../i18n/index.js';
import type { AssessmentDeps } from './deps.js';

/** Review cards of one run: queued now, already queued by an earlier run, and reviewers nobody could reach. */
export interface ReviewCardTally {
  queued: number;
  duplicates: number;
  unreachable: number;
  noReviewer: number;
}

export const newTally = (): ReviewCardTally => ({ queued: 0, duplicates: 0, unreachable: 0, noReviewer: 0 });

/**
 * The assessment cycle's sends around each transition: who gets which card next, and which sent
 * copies are replaced by the outcome. Called by the features inside their transaction; everything
 * goes through the outbox.
 */

/** Without a manager (no leader, or a top leader's own result), the HR users not in it review; else the admins not in it. */
export async function reviewersOf(deps: AssessmentDeps, row: AssessmentRow): Promise<number[]> {
  if (row.managerUserId !== null) return [row.managerUserId];
  return (await deps.assessments.deciders(row.id)).userIds;
}

export async function sendReviewCard(deps: AssessmentDeps, row: AssessmentRow, tally: ReviewCardTally = newTally()): Promise<ReviewCardTally> {
  const reviewers = await reviewersOf(deps, row);
  if (reviewers.length === 0) tally.noReviewer += 1;
  for (const userId of reviewers) {
    const sent = await deps.notifier.sendCard('review', { assessmentId: row.id, version: row.version }, userId, async (locale) => assessmentReviewCard.build(await deps.views.review(row), locale), `${row.id}:v${row.version}`);
    tally.queued += sent.queued;
    tally.duplicates += sent.duplicates;
    if (!sent.reachable) tally.unreachable += 1;
  }
  return tally;
}

/**
 * After a submit: the people who decide each get the approval card of this round: the HR users not
 * in it, else the admins not in it (the card says why).
 */
export async function afterSubmit(deps: AssessmentDeps, row: AssessmentRow): Promise<void> {
  for (const userId of (await deps.assessments.deciders(row.id)).userIds) {
    await deps.notifier.sendCard('approval', { assessmentId: row.id, version: row.version }, userId, async (locale) => assessmentApprovalCard.build(await deps.views.approval(row, locale), locale), `${row.id}:v${row.version}`);
  }
}

/** After 通过 or 驳回: every copy of the round shows the outcome; then results go out, or the review goes back. */
export async function afterDecision(deps: AssessmentDeps, row: AssessmentRow, roundVersion: number, exceptMessageId: string | undefined): Promise<void> {
  const { notifier, views } = deps;
  const state = { version: row.version, status: row.status };
  await notifier.refreshCopies('approval', { assessmentId: row.id, version: roundVersion }, state, async (locale) => assessmentApprovalCard.build(await views.approval(row, locale, { cardVersion: roundVersion }), locale), exceptMessageId);
  if (row.status === 'approved') {
    // The manager's submitted review cards now say it is approved and locked.
    await notifier.refreshCopies('review', { assessmentId: row.id }, state, async (locale) => assessmentReviewCard.build(await views.review(row), locale));
    for (const result of await deps.assessments.resultsOf(row.id)) {
      await notifier.sendCard('result', { assessmentId: row.id, resultId: result.id }, result.userId, async (locale) => assessmentResultCard.build(await views.result(result, row, locale), locale), `${result.id}:v1`);
    }
  } else {
    await sendReviewCard(deps, row);
  }
}

/** After a withdrawal: every copy of the round HR had says so; the manager's review card is open again. */
export async function afterWithdraw(deps: AssessmentDeps, row: AssessmentRow, roundVersion: number): Promise<void> {
  const state = { version: row.version, status: row.status };
  await deps.notifier.refreshCopies('approval', { assessmentId: row.id, version: roundVersion }, state, async (locale) => assessmentApprovalCard.build(await deps.views.approval(row, locale, { cardVersion: roundVersion }), locale));
  await sendReviewCard(deps, row);
}

/** After an appeal: the rep's manager and every HR user get the appeal card. */
export async function afterAppeal(deps: AssessmentDeps, result: ResultRow, appealId: number): Promise<void> {
  const row = (await deps.assessments.get(result.assessmentId)) as AssessmentRow;
  const appeal = await deps.assessments.appeal(appealId);
  if (!appeal) return;
  const people = new Set([...(row.managerUserId !== null && row.managerUserId !== result.userId ? [row.managerUserId] : []), ...(await deps.notifier.hrUserIds())]);
  people.delete(result.userId);
  for (const userId of people) {
    await deps.notifier.sendCard('appeal', { assessmentId: row.id, resultId: result.id }, userId, async (locale) => assessmentAppealCard.build(await deps.views.appeal(appeal, result, row, locale), locale), `${appealId}`);
  }
}

/** After an appeal is resolved: every copy shows the resolution, the rep is told and their card updated. */
export async function afterResolve(deps: AssessmentDeps, result: ResultRow, appealId: number, exceptMessageId: string | undefined): Promise<void> {
  const { notifier, views } = deps;
  const row = (await deps.assessments.get(result.assessmentId)) as AssessmentRow;
  const appeal = await deps.assessments.appeal(appealId);
  if (!appeal) return;
  const state = { version: result.approvedVersion, status: result.status ?? 'appeal_resolved' };
  await notifier.refreshCopies('appeal', { assessmentId: row.id, resultId: result.id }, state, async (locale) => assessmentAppealCard.build(await views.appeal(appeal, result, row, locale), locale), exceptMessageId);
  await notifier.refreshCopies('result', { assessmentId: row.id, resultId: result.id }, state, async (locale) => assessmentResultCard.build(await views.result(result, row, locale), locale));
  await notifier.sendText(
    result.userId,
    async (locale) => t(locale, 'assessment.notice.appealResolved', { period: row.periodKey, outcome: (await views.appeal(appeal, result, row, locale)).resolution?.outcome ?? '', reason: appeal.resolutionReason ?? '' }),
    `appeal-resolved:${appealId}`,
  );
}
