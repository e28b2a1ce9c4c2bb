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
export function reviewersOf(deps: AssessmentDeps, row: AssessmentRow): number[] {
  if (row.managerUserId !== null) return [row.managerUserId];
  return deps.assessments.deciders(row.id).userIds;
}

export function sendReviewCard(deps: AssessmentDeps, row: AssessmentRow, tally: ReviewCardTally = newTally()): ReviewCardTally {
  const reviewers = reviewersOf(deps, row);
  if (reviewers.length === 0) tally.noReviewer += 1;
  for (const userId of reviewers) {
    const sent = deps.notifier.sendCard('review', { assessmentId: row.id, version: row.version }, userId, (locale) => assessmentReviewCard.build(deps.views.review(row), locale), `${row.id}:v${row.version}`);
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
export function afterSubmit(deps: AssessmentDeps, row: AssessmentRow): void {
  for (const userId of deps.assessments.deciders(row.id).userIds) {
    deps.notifier.sendCard('approval', { assessmentId: row.id, version: row.version }, userId, (locale) => assessmentApprovalCard.build(deps.views.approval(row, locale), locale), `${row.id}:v${row.version}`);
  }
}

/** After 通过 or 驳回: every copy of the round shows the outcome; then results go out, or the review goes back. */
export function afterDecision(deps: AssessmentDeps, row: AssessmentRow, roundVersion: number, exceptMessageId: string | undefined): void {
  const { notifier, views } = deps;
  const state = { version: row.version, status: row.status };
  notifier.refreshCopies('approval', { assessmentId: row.id, version: roundVersion }, state, (locale) => assessmentApprovalCard.build(views.approval(row, locale, { cardVersion: roundVersion }), locale), exceptMessageId);
  if (row.status === 'approved') {
    // The manager's submitted review cards now say it is approved and locked.
    notifier.refreshCopies('review', { assessmentId: row.id }, state, (locale) => assessmentReviewCard.build(views.review(row), locale));
    for (const result of deps.assessments.resultsOf(row.id)) {
      notifier.sendCard('result', { assessmentId: row.id, resultId: result.id }, result.userId, (locale) => assessmentResultCard.build(views.result(result, row, locale), locale), `${result.id}:v1`);
    }
  } else {
    sendReviewCard(deps, row);
  }
}

/** After a withdrawal: every copy of the round HR had says so; the manager's review card is open again. */
export function afterWithdraw(deps: AssessmentDeps, row: AssessmentRow, roundVersion: number): void {
  const state = { version: row.version, status: row.status };
  deps.notifier.refreshCopies('approval', { assessmentId: row.id, version: roundVersion }, state, (locale) => assessmentApprovalCard.build(deps.views.approval(row, locale, { cardVersion: roundVersion }), locale));
  sendReviewCard(deps, row);
}

/** After an appeal: the rep's manager and every HR user get the appeal card. */
export function afterAppeal(deps: AssessmentDeps, result: ResultRow, appealId: number): void {
  const row = deps.assessments.get(result.assessmentId) as AssessmentRow;
  const appeal = deps.assessments.appeal(appealId);
  if (!appeal) return;
  const people = new Set([...(row.managerUserId !== null && row.managerUserId !== result.userId ? [row.managerUserId] : []), ...deps.notifier.hrUserIds()]);
  people.delete(result.userId);
  for (const userId of people) {
    deps.notifier.sendCard('appeal', { assessmentId: row.id, resultId: result.id }, userId, (locale) => assessmentAppealCard.build(deps.views.appeal(appeal, result, row, locale), locale), `${appealId}`);
  }
}

/** After an appeal is resolved: every copy shows the resolution, the rep is told and their card updated. */
export function afterResolve(deps: AssessmentDeps, result: ResultRow, appealId: number, exceptMessageId: string | undefined): void {
  const { notifier, views } = deps;
  const row = deps.assessments.get(result.assessmentId) as AssessmentRow;
  const appeal = deps.assessments.appeal(appealId);
  if (!appeal) return;
  const state = { version: result.approvedVersion, status: result.status ?? 'appeal_resolved' };
  notifier.refreshCopies('appeal', { assessmentId: row.id, resultId: result.id }, state, (locale) => assessmentAppealCard.build(views.appeal(appeal, result, row, locale), locale), exceptMessageId);
  notifier.refreshCopies('result', { assessmentId: row.id, resultId: result.id }, state, (locale) => assessmentResultCard.build(views.result(result, row, locale), locale));
  notifier.sendText(
    result.userId,
    (locale) => t(locale, 'assessment.notice.appealResolved', { period: row.periodKey, outcome: views.appeal(appeal, result, row, locale).resolution?.outcome ?? '', reason: appeal.resolutionReason ?? '' }),
    `appeal-resolved:${appealId}`,
  );
}
