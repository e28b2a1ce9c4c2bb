import type { AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
import { centiText } from '../../domain/assessment/frozen-scorecard.js';
import { checkDistribution, GRADE_ORDER, shareText, type DistributionReport } from '../../domain/kpi/distribution.js';
import { parsePeriodKey, previousPeriod } from '../../domain/period.js';
import { problem } from '../../domain/problem.js';
import { distributionCheckLines } from '../../../cards/distribution-check.js';
import { t } from '../../i18n/index.js';
import type { Actor } from '../actor.js';
import { fail } from './access.js';
import type { AssessmentDeps } from './deps.js';
import { effectiveDistributionLimits } from './distribution-settings.js';
import { repLines, signedPoints } from './views.js';

export interface CalibrationInput {
  periodKey: string;
  /** One department only; all of the period's when absent. */
  departmentId?: number;
}

/** Each grade S·A·B·C·D with its count and share, and the target curve's limit where one applies. */
function gradeRows(report: DistributionReport) {
  return GRADE_ORDER.map((grade) => {
    const count = report.counts[grade] ?? 0;
    const check = report.checks.find((c) => c.grade === grade);
    return {
      grade,
      count,
      share: shareText(count, report.total),
      target: check ? { kind: check.kind, percent: check.percent, limit: check.limit, ok: check.ok } : null,
    };
  });
}

const finalGrades = (results: ResultRow[]) => results.map((r) => r.finalGrade ?? r.grade);

/**
 * HR's calibration of a period (飞书绩效's 校准): per department, the final grades against the
 * forced-distribution curve in force, each rep's score beside their final result of the period
 * before, and the manager's adjustments with their reasons. Read-only; HR and admins only.
 */
export async function calibrationView(deps: AssessmentDeps, actor: Actor, input: CalibrationInput) {
  if (!actor.user.roles.some((role) => role === 'hr' || role === 'admin')) fail(problem('FORBIDDEN', 'assessment.problem.calibrationForbidden'));
  const period = parsePeriodKey(input.periodKey, deps.config.timezone);
  if (!period) fail(problem('VALIDATION_FAILED', 'assessment.problem.calibrationPeriod', { input: input.periodKey }));
  const previousKey = previousPeriod(period).key;
  const limits = await effectiveDistributionLimits(deps.db);
  const rules = await deps.views.distributionRules();
  const all = await deps.assessments.listByPeriod(period.key);
  const previous = new Map((await deps.assessments.listByPeriod(previousKey)).map((row) => [row.departmentId, row]));
  const rows = all.filter((row) => input.departmentId === undefined || row.departmentId === input.departmentId);

  const department = async (row: AssessmentRow & { departmentName: string }) => {
    const results = await deps.assessments.resultsOf(row.id);
    const report = checkDistribution(finalGrades(results), rules);
    const [rounding, ...checks] = distributionCheckLines(report, actor.locale);
    const before = previous.get(row.departmentId);
    const beforeResults = before ? await deps.assessments.resultsOf(before.id) : [];
    const beforeOf = new Map(beforeResults.map((r) => [r.userId, r]));
    return {
      assessmentId: row.id,
      departmentId: row.departmentId,
      department: row.departmentName,
      manager: await deps.views.nameOf(row.managerUserId),
      status: row.status,
      statusText: t(actor.locale, `assessment.status.${row.status}`),
      distribution: { total: report.total, ok: report.ok, grades: gradeRows(report), rounding, checks },
      previous: before ? { periodKey: previousKey, statusText: t(actor.locale, `assessment.status.${before.status}`), grades: gradeRows(checkDistribution(finalGrades(beforeResults), rules)) } : null,
      reps: repLines(results).map((line) => {
        const last = beforeOf.get(line.userId);
        return { ...line, previous: last ? { final: centiText(last.finalCenti ?? last.totalCenti), grade: last.finalGrade ?? last.grade ?? '—' } : null };
      }),
      adjustments: results.filter((r) => r.adjustmentCenti !== 0).map((r) => ({ name: r.name, points: signedPoints(r.adjustmentCenti), reason: r.adjustmentReason ?? '', from: r.grade ?? '—', to: r.finalGrade ?? '—' })),
    };
  };

  const departments = [];
  for (const row of rows) departments.push(await department(row));
  return {
    period: period.key,
    previousPeriod: previousKey,
    limits,
    /** Every department of the period, for the picker (also when one is selected). */
    choices: all.map((row) => ({ departmentId: row.departmentId, department: row.departmentName })),
    departments,
  };
}
