import type { AssessmentRow } from '../../db/repositories/assessment-repository.js';
import { mayDo } from '../../domain/assessment/permissions.js';
import { distributionCheckLines } from '../../../cards/distribution-check.js';
import { GRADES } from '../../domain/kpi/template.js';
import { t } from '../../i18n/index.js';
import type { Actor, SystemActor } from '../actor.js';
import { appealFor, assessmentFor, authorize, decideFacts, ruleActor } from './access.js';
import type { AssessmentDeps } from './deps.js';
import { instantText } from './views.js';

/** The assessments of a period the actor may see: HR and admins all, a manager the ones they review. */
function visible(deps: AssessmentDeps, actor: Actor, periodKey: string) {
  authorize('read', actor);
  return deps.assessments.listByPeriod(periodKey).filter((row) => mayDo('read', ruleActor(actor), row));
}

export function listAssessments(deps: AssessmentDeps, actor: Actor, input: { periodKey: string }) {
  return visible(deps, actor, input.periodKey).map((row) => ({
    id: row.id,
    version: row.version,
    department: row.departmentName,
    manager: deps.views.nameOf(row.managerUserId),
    status: row.status,
    statusText: t(actor.locale, `assessment.status.${row.status}`),
    reps: deps.assessments.resultsOf(row.id).length,
  }));
}

/** One assessment with its grade distribution, and what the actor may do with it now. */
export function assessmentDetail(deps: AssessmentDeps, actor: Actor, input: { assessmentId: number }) {
  return detailOf(deps, actor, assessmentFor(deps, actor, 'read', input.assessmentId));
}

function detailOf(deps: AssessmentDeps, actor: Actor, row: AssessmentRow) {
  const { views } = deps;
  const zone = deps.config.timezone;
  const approval = views.approval(row, actor.locale);
  const report = views.distributionOf(row.id);
  const [rounding, ...checks] = distributionCheckLines(approval.distributionCheck, actor.locale);
  const grades = [...GRADES, ...Object.keys(report.counts).filter((g) => !(GRADES as readonly string[]).includes(g))];
  const who = ruleActor(actor);
  return {
    id: row.id,
    version: row.version,
    periodKey: row.periodKey,
    department: approval.department,
    manager: approval.manager,
    status: row.status,
    statusText: t(actor.locale, `assessment.status.${row.status}`),
    bound: row.adjustmentBound,
    submittedAt: row.submittedAt === null ? null : instantText(row.submittedAt, zone),
    decided: row.decidedAt === null ? null : { by: views.nameOf(row.decidedByUserId), at: instantText(row.decidedAt, zone) },
    rejectionReason: row.rejectionReason,
    reps: approval.reps,
    carriedOver: approval.carriedOver,
    distribution: { total: report.total, grades: grades.map((grade) => ({ grade, count: report.counts[grade] ?? 0 })), ok: report.ok, rounding, checks, flags: checks.filter((_, i) => !report.checks[i]?.ok) },
    can: {
      decide: row.status === 'pending_approval' && mayDo('decide', who, decideFacts(deps, row)),
      review: mayDo('adjust', who, row) && row.status === 'in_review',
      /** Reps the caller may adjust: never themselves (a manager who is also assessed). */
      adjustUserIds: approval.reps.map((r) => r.userId).filter((id) => id !== actor.user.id),
    },
  };
}

/** The latest appeal of every result in the period's assessments the actor may see. */
export function listAppeals(deps: AssessmentDeps, actor: Actor, input: { periodKey: string }) {
  return visible(deps, actor, input.periodKey).flatMap((row) =>
    deps.assessments.resultsOf(row.id).flatMap((result) => {
      const appeal = deps.assessments.latestAppeal(result.id);
      if (!appeal) return [];
      const view = deps.views.appeal(appeal, result, row, actor.locale);
      return [{ ...view, department: row.departmentName, status: appeal.status, bound: row.adjustmentBound, createdAt: instantText(appeal.createdAt, deps.config.timezone) }];
    }),
  );
}

/** Every assessment of a period with its results as stored (the admin API). */
export function assessmentsOfPeriod(deps: AssessmentDeps, _actor: SystemActor, input: { periodKey: string }) {
  return deps.assessments.listByPeriod(input.periodKey).map((a) => ({ ...a, results: deps.assessments.resultsOf(a.id).map(({ scorecard: _scorecard, ...r }) => r) }));
}

/** An assessment as it now stands, for whoever may do `doing` to it (a card redrawn after a refusal). */
export function currentAssessment(deps: AssessmentDeps, actor: Actor, input: { assessmentId: number; doing: 'decide' | 'read' }): AssessmentRow {
  return assessmentFor(deps, actor, input.doing, input.assessmentId);
}

/** An appeal as it now stands, with its result and assessment, for whoever may resolve it. */
export function currentAppeal(deps: AssessmentDeps, actor: Actor, input: { appealId: number }) {
  return appealFor(deps, actor, input.appealId);
}
