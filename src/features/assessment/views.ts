import { appLink } from '../../domain/deep-link.js';
import { DateTime } from 'luxon';
import type { AssessmentApprovalCardData } from '../../../cards/assessment-approval.js';
import type { AssessmentAppealCardData } from '../../../cards/assessment-appeal.js';
import type { AssessmentResultCardData } from '../../../cards/assessment-result.js';
import type { AssessmentRepLine, AssessmentReviewCardData } from '../../../cards/assessment-review.js';
import type { AppealRow, AssessmentRepository, AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
import type { OrgRepository } from '../../db/repositories/org-repository.js';
import { centiText } from '../../domain/assessment/frozen-scorecard.js';
import { checkDistribution, orderedGrades, shareText, type DistributionReport, type DistributionRule } from '../../domain/kpi/distribution.js';
import { reviewChanges } from '../../domain/assessment/review-changes.js';
import { t, type Locale } from '../../i18n/index.js';

/** Builds each assessment card's data from the stored rows, in the reader's language. */

export function signedPoints(centi: number): string {
  return `${centi > 0 ? '+' : ''}${centiText(centi)}`;
}

export function instantText(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

export function repLines(results: ResultRow[]): AssessmentRepLine[] {
  return results.map((r) => ({
    userId: r.userId,
    name: r.name,
    employeeNo: r.employeeNo,
    total: centiText(r.totalCenti),
    grade: r.grade ?? '—',
    adjustment: r.adjustmentCenti === 0 ? null : signedPoints(r.adjustmentCenti),
    reason: r.adjustmentReason,
    final: centiText(r.finalCenti),
    finalGrade: r.finalGrade ?? '—',
  }));
}

/** "S 1 (16.7%) · A 2 (33.3%) …", best grade first. */
export function distributionText(report: DistributionReport): string {
  return orderedGrades(report.counts).map((grade) => `${grade} ${report.counts[grade]} (${shareText(report.counts[grade] ?? 0, report.total)})`).join(' · ');
}

export function createAssessmentViews(deps: {
  repo: AssessmentRepository;
  org: OrgRepository;
  zone: string;
  publicBaseUrl: string;
  distributionRules: () => Promise<DistributionRule[]>;
  /** The pay preview frozen when the result was approved (issue 18). */
  payOf?: (resultId: number) => Promise<{ coefficientBp: number | null; commissionFen: number | null } | undefined>;
}) {
  const nameOf = async (userId: number | null): Promise<string> => (userId === null ? '—' : ((await deps.org.getUser(userId))?.name ?? '—'));

  /** Said on the approval card only when someone other than HR decides, or an HR user stands aside. */
  async function decidersNote(assessmentId: number): Promise<Pick<AssessmentApprovalCardData, 'deciders'>> {
    const { by, recusedHrUserIds } = await deps.repo.deciders(assessmentId);
    return by === 'hr' && recusedHrUserIds.length === 0 ? {} : { deciders: { byAdmin: by === 'admin', recused: await Promise.all(recusedHrUserIds.map(nameOf)) } };
  }

  /** The forced-distribution check of a round's final grades, under the limits in force. */
  const distributionOf = async (assessmentId: number): Promise<DistributionReport> => checkDistribution((await deps.repo.resultsOf(assessmentId)).map((r) => r.finalGrade), await deps.distributionRules());

  /** A resubmission, per rep: final points (and reason) before → after, against the round before. */
  async function changesOf(row: AssessmentRow, results: ResultRow[], locale: Locale): Promise<string[]> {
    const now = results.map((r) => ({ userId: r.userId, finalCenti: r.finalCenti ?? r.totalCenti ?? 0, adjustmentCenti: r.adjustmentCenti, reason: r.adjustmentReason }));
    const names = new Map(results.map((r) => [r.userId, r.name]));
    return reviewChanges(await deps.repo.previousSubmission(row.id), now).map((c) =>
      t(locale, 'assessment.approval.changeLine', { name: names.get(c.userId) ?? '', before: centiText(c.beforeCenti), after: centiText(c.afterCenti), reason: c.afterReason ?? '—' }),
    );
  }

  return {
    nameOf,
    distributionOf,
    distributionRules: deps.distributionRules,

    async review(row: AssessmentRow): Promise<AssessmentReviewCardData> {
      return {
        assessmentId: row.id,
        version: row.version,
        detailUrl: appLink(deps.publicBaseUrl, { page: 'assessment', assessmentId: row.id }),
        department: await deps.repo.departmentName(row.departmentId),
        periodKey: row.periodKey,
        status: row.status,
        bound: row.adjustmentBound,
        rejection: row.rejectionReason ? { by: await nameOf(row.decidedByUserId), reason: row.rejectionReason } : null,
        reps: repLines(await deps.repo.resultsOf(row.id)),
        reopenedUserIds: row.status === 'in_review' ? await deps.repo.reopenedUserIds(row.id) : [],
      };
    },

    async approval(row: AssessmentRow, locale: Locale, options: { cardVersion?: number; rejecting?: boolean; acknowledging?: boolean } = {}): Promise<AssessmentApprovalCardData> {
      const results = await deps.repo.resultsOf(row.id);
      const report = await distributionOf(row.id);
      const distribution = distributionText(report);
      const cardVersion = options.cardVersion ?? row.version;
      let outcome: AssessmentApprovalCardData['outcome'] = null;
      const decided = { by: await nameOf(row.decidedByUserId), at: row.decidedAt === null ? '' : instantText(row.decidedAt, deps.zone) };
      if (row.status === 'approved') outcome = { kind: 'approved', ...decided };
      else if (cardVersion !== row.version && row.rejectionReason && row.status === 'in_review') outcome = { kind: 'rejected', ...decided, reason: row.rejectionReason };
      else if (cardVersion !== row.version) outcome = { kind: 'superseded', ...decided };
      return {
        assessmentId: row.id,
        version: cardVersion,
        detailUrl: appLink(deps.publicBaseUrl, { page: 'assessment', assessmentId: row.id }),
        department: await deps.repo.departmentName(row.departmentId),
        periodKey: row.periodKey,
        manager: await nameOf(row.managerUserId),
        reps: repLines(results),
        distribution: distribution || '—',
        carriedOver: (await deps.repo.postLockCarriedInto(row.periodKey, results.map((r) => r.userId))).map((a) =>
          t(locale, 'assessment.approval.carriedOverLine', { name: a.name, period: a.periodKey, locked: centiText(a.lockedTotalCenti), recomputed: centiText(a.recomputedTotalCenti) }),
        ),
        distributionCheck: { total: report.total, rounding: report.rounding, checks: report.checks },
        outcome,
        rejecting: options.rejecting ?? false,
        ...(options.acknowledging ? { acknowledging: true } : {}),
        ...(await decidersNote(row.id)),
        changes: await changesOf(row, results, locale),
      };
    },

    async result(result: ResultRow, row: AssessmentRow, locale: Locale, options: { appealing?: boolean } = {}): Promise<AssessmentResultCardData> {
      const appeal = await deps.repo.latestAppeal(result.id);
      const pay = await deps.payOf?.(result.id);
      return {
        resultId: result.id,
        name: result.name,
        periodKey: row.periodKey,
        total: centiText(result.totalCenti),
        grade: result.grade ?? '—',
        final: centiText(result.finalCenti),
        finalGrade: result.finalGrade ?? '—',
        adjustment: result.adjustmentCenti === 0 ? null : { points: signedPoints(result.adjustmentCenti), reason: result.adjustmentReason ?? '' },
        lines: result.scorecard.lines.map((l) => ({ summary: l.summary[locale], explanation: l.explanation[locale] })),
        totalExplanation: result.scorecard.totalExplanation[locale],
        windowEnds: result.windowEndsAt === null ? '—' : instantText(result.windowEndsAt - 60_000, deps.zone),
        status: result.status ?? 'published',
        appealing: options.appealing ?? false,
        indicators: result.scorecard.lines.map((l) => ({ label: l.name[locale], value: l.indicatorKey })),
        appealReason: appeal?.reason ?? null,
        detailUrl: appLink(deps.publicBaseUrl, { page: 'dashboard', period: row.periodKey }),
        pay: pay ?? null,
      };
    },

    async appeal(appeal: AppealRow, result: ResultRow, row: AssessmentRow, locale: Locale): Promise<AssessmentAppealCardData> {
      const line = appeal.indicatorKey ? result.scorecard.lines.find((l) => l.indicatorKey === appeal.indicatorKey) : undefined;
      const outcome =
        appeal.outcome === 'adjust'
          ? t(locale, 'assessment.appeal.resolvedAdjust', { points: signedPoints(appeal.pointsCenti ?? 0), final: centiText(result.finalCenti), grade: result.finalGrade ?? '—' })
          : t(locale, 'assessment.appeal.uphold');
      return {
        appealId: appeal.id,
        name: result.name,
        employeeNo: result.employeeNo,
        periodKey: row.periodKey,
        final: centiText(result.finalCenti),
        finalGrade: result.finalGrade ?? '—',
        reason: appeal.reason,
        indicator: line ? line.name[locale] : (appeal.indicatorKey ?? null),
        resolution: appeal.status === 'resolved' ? { by: await nameOf(appeal.resolvedByUserId), outcome, reason: appeal.resolutionReason ?? '' } : null,
      };
    },
  };
}

export type AssessmentViews = ReturnType<typeof createAssessmentViews>;
