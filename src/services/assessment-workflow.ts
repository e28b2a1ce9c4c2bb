import { assessmentApprovalCard } from '../../cards/assessment-approval.js';
import { assessmentAppealCard } from '../../cards/assessment-appeal.js';
import { assessmentResultCard } from '../../cards/assessment-result.js';
import { assessmentReviewCard } from '../../cards/assessment-review.js';
import type { BotDeps } from '../bot/deps.js';
import type { AuditActor } from '../db/repositories/assessment-audit.js';
import { createAssessmentRepository, type AssessmentRow, type ResultRow } from '../db/repositories/assessment-repository.js';
import { t } from '../domain/messages/index.js';
import { parsePeriodKey } from '../domain/period.js';
import { assessmentNotifierFor } from './assessment-notifier.js';
import { createAssessmentViews } from './assessment-views.js';

/** Review cards of one run: queued now, already queued by an earlier run, and reviewers nobody could reach. */
export interface ReviewCardTally {
  queued: number;
  duplicates: number;
  unreachable: number;
  noReviewer: number;
}

const newTally = (): ReviewCardTally => ({ queued: 0, duplicates: 0, unreachable: 0, noReviewer: 0 });

/**
 * The assessment cycle's side effects around each repository transition: who gets which card next,
 * and which sent copies are replaced by the outcome. Used by the card command and the jobs.
 */
export function createAssessmentWorkflow(deps: BotDeps) {
  const repo = createAssessmentRepository(deps.db, { ...deps.config.assessment, zone: deps.config.timezone });
  const views = createAssessmentViews({ repo, org: deps.org, zone: deps.config.timezone, publicBaseUrl: deps.config.publicBaseUrl });
  const notifier = assessmentNotifierFor(deps);

  /** Admins stand in for a department without a leader. */
  function reviewersOf(row: AssessmentRow): number[] {
    if (row.managerUserId !== null) return [row.managerUserId];
    return deps.org.listUsers({ activeOnly: true }).filter((u) => u.roles.includes('admin')).map((u) => u.id);
  }

  function sendReviewCard(row: AssessmentRow, tally: ReviewCardTally = newTally()): ReviewCardTally {
    const reviewers = reviewersOf(row);
    if (reviewers.length === 0) tally.noReviewer += 1;
    for (const userId of reviewers) {
      const sent = notifier.sendCard('review', { assessmentId: row.id, version: row.version }, userId, (locale) => assessmentReviewCard.build(views.review(row), locale), `${row.id}:v${row.version}`);
      tally.queued += sent.queued;
      tally.duplicates += sent.duplicates;
      if (!sent.reachable) tally.unreachable += 1;
    }
    return tally;
  }

  return {
    repo,
    views,
    notifier,

    /**
     * Period close: generate every department's assessment and send each manager their review card.
     * Assessments of the period already under review get their review card again through the same
     * outbox key, so a reviewer who had it is not sent it twice and one who was unreachable gets it.
     */
    startPeriod(periodKey: string, actor: AuditActor): { created: number; existing: number; reviewCards: ReviewCardTally } {
      const period = parsePeriodKey(periodKey, deps.config.timezone);
      if (!period || period.type !== 'month') throw new Error(`周期 ${periodKey} 不是月份 (not a month)`);
      // A period still open would freeze half a month: refuse, a later run (after the close) goes ahead.
      if (actor.now < period.end) throw new Error(`周期 ${periodKey} 尚未结束，不能生成考核 (the period has not closed yet)`);
      const { created, existing } = repo.generate(periodKey, actor);
      const tally = newTally();
      const createdIds = new Set(created.map((row) => row.id));
      for (const row of created) sendReviewCard(row, tally);
      for (const row of repo.listByPeriod(periodKey)) {
        if (!createdIds.has(row.id) && row.status === 'in_review') sendReviewCard(row, tally);
      }
      return { created: created.length, existing, reviewCards: tally };
    },

    /** After a submit: HR users each get the approval card of this round. */
    afterSubmit(row: AssessmentRow): void {
      for (const userId of notifier.hrUserIds()) {
        notifier.sendCard(
          'approval',
          { assessmentId: row.id, version: row.version },
          userId,
          (locale) => assessmentApprovalCard.build(views.approval(row, locale), locale),
          `${row.id}:v${row.version}`,
        );
      }
    },

    /** After 通过 or 驳回: every copy of the round shows the outcome; then results go out, or the review goes back. */
    afterDecision(row: AssessmentRow, roundVersion: number, clickedMessageId: string | undefined): void {
      notifier.refreshCopies(
        'approval',
        { assessmentId: row.id, version: roundVersion },
        (locale) => assessmentApprovalCard.build(views.approval(row, locale, { cardVersion: roundVersion }), locale),
        clickedMessageId,
      );
      if (row.status === 'approved') {
        // The manager's submitted review cards now say it is approved and locked.
        notifier.refreshCopies('review', { assessmentId: row.id }, (locale) => assessmentReviewCard.build(views.review(row), locale));
        for (const result of repo.resultsOf(row.id)) {
          notifier.sendCard('result', { assessmentId: row.id, resultId: result.id }, result.userId, (locale) => assessmentResultCard.build(views.result(result, row, locale), locale), `${result.id}:v1`);
        }
      } else {
        sendReviewCard(row);
      }
    },

    /** After an appeal: the rep's manager and every HR user get the appeal card. */
    afterAppeal(result: ResultRow, appealId: number): void {
      const row = repo.get(result.assessmentId) as AssessmentRow;
      const appeal = repo.appeal(appealId);
      if (!appeal) return;
      const people = new Set([...(row.managerUserId !== null && row.managerUserId !== result.userId ? [row.managerUserId] : []), ...notifier.hrUserIds()]);
      people.delete(result.userId);
      for (const userId of people) {
        notifier.sendCard('appeal', { assessmentId: row.id, resultId: result.id }, userId, (locale) => assessmentAppealCard.build(views.appeal(appeal, result, row, locale), locale), `${appealId}`);
      }
    },

    /** After an appeal is resolved: every copy shows the resolution, the rep is told and their card updated. */
    afterResolve(result: ResultRow, appealId: number, clickedMessageId: string | undefined): void {
      const row = repo.get(result.assessmentId) as AssessmentRow;
      const appeal = repo.appeal(appealId);
      if (!appeal) return;
      notifier.refreshCopies('appeal', { assessmentId: row.id, resultId: result.id }, (locale) => assessmentAppealCard.build(views.appeal(appeal, result, row, locale), locale), clickedMessageId);
      notifier.refreshCopies('result', { assessmentId: row.id, resultId: result.id }, (locale) => assessmentResultCard.build(views.result(result, row, locale), locale));
      notifier.sendText(
        result.userId,
        (locale) => t(locale, 'assessment.notice.appealResolved', { period: row.periodKey, outcome: views.appeal(appeal, result, row, locale).resolution?.outcome ?? '', reason: appeal.resolutionReason ?? '' }),
        `appeal-resolved:${appealId}`,
      );
    },

    /** Reviews overdue and not yet reminded: one reminder each. */
    sendReminders(now: number): number {
      const due = repo.takeDueReminders(now);
      for (const row of due) {
        const department = repo.departmentName(row.departmentId);
        for (const userId of reviewersOf(row)) notifier.sendText(userId, (locale) => t(locale, 'assessment.review.reminder', { department, period: row.periodKey }), `reminder:${row.id}`);
      }
      return due.length;
    },
  };
}

export type AssessmentWorkflow = ReturnType<typeof createAssessmentWorkflow>;
