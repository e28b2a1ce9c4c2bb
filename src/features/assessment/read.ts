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
async function visible(deps: AssessmentDeps, actor: Actor, periodKey: string) {
  authorize('read', actor);
  return (await deps.assessments.listByPeriod(periodKey)).filter((row) => mayDo('read', ruleActor(actor), row));
}

export async function listAssessments(deps: AssessmentDeps, actor: Actor, input: { periodKey: string }) {
  const rows = await visible(deps, actor, input.periodKey);
  return Promise.all(rows.map(async (row) => ({
    id: row.id,
    version: row.version,
    department: row.departmentName,
    manager: await deps.views.nameOf(row.managerUserId),
    status: row.status,
    statusText: t(actor.locale, `assessment.status.${row.status}`),
    reps: (await deps.assessments.resultsOf(row.id)).length,
  })));
}

/** One assessment with its grade distribution, and what the actor may do with it now. */
export async function assessmentDetail(deps: AssessmentDeps, actor: Actor, input: { assessmentId: number }) {
  return await detailOf(deps, actor, await assessmentFor(deps, actor, 'read', input.assessmentId));
}

async function detailOf(deps: AssessmentDeps, actor: Actor, row: AssessmentRow) {
  const { views } = deps;
  const zone = deps.config.timezone;
  const approval = await views.approval(row, actor.locale);
  const report = await views.distributionOf(row.id);
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
    decided: row.decidedAt === null ? null : { by: await views.nameOf(row.decidedByUserId), at: instantText(row.decidedAt, zone) },
    rejectionReason: row.rejectionReason,
    reps: approval.reps,
    carriedOver: approval.carriedOver,
    distribution: { total: report.total, grades: grades.map((grade) => ({ grade, count: report.counts[grade] ?? 0 })), ok: report.ok, rounding, checks, flags: checks.filter((_, i) => !report.checks[i]?.ok) },
    can: {
      decide: row.status === 'pending_approval' && mayDo('decide', who, await decideFacts(deps,row)),
      review: mayDo('adjust', who, row) && row.status === 'in_review',
      /** Reps the caller may adjust: never themselves (a manager who is also assessed). */
      adjustUserIds: approval.reps.map((r) => r.userId).filter((id) => id !== actor.user.id),
    },
  };
}

/** The latest appeal of every result in the period's assessments the actor may see. */
export async function listAppeals(deps: AssessmentDeps, actor: Actor, input: { periodKey: string }) {
  const appeals = [];
  for (const row of await visible(deps, actor, input.periodKey)) {
    for (const result of await deps.assessments.resultsOf(row.id)) {
      const appeal = await deps.assessments.latestAppeal(result.id);
      if (!appeal) continue;
      const view = await deps.views.appeal(appeal, result, row, actor.locale);
      appeals.push({ ...view, department: row.departmentName, status: appeal.status, bound: row.adjustmentBound, createdAt: instantText(appeal.createdAt, deps.config.timezone) });
    }
  }
  return appeals;
}

/** Every assessment of a period with its results as stored (the admin API). */
export async function assessmentsOfPeriod(deps: AssessmentDeps, _actor: SystemActor, input: { periodKey: string }) {
  const assessments = [];
  for (const a of await deps.assessments.listByPeriod(input.periodKey)) {
    assessments.push({ ...a, results: (await deps.assessments.resultsOf(a.id)).map(({ scorecard: _scorecard, ...r }) => r) });
  }
  return assessments;
}

/** An assessment as it now stands, for whoever may do `doing` to it (a card redrawn after a refusal). */
export async function currentAssessment(deps: AssessmentDeps, actor: Actor, input: { assessmentId: number; doing: 'decide' | 'read' }): Promise<AssessmentRow> {
  return await assessmentFor(deps, actor, input.doing, input.assessmentId);
}

/** An appeal as it now stands, with its result and assessment, for whoever may resolve it. */
export async function currentAppeal(deps: AssessmentDeps, actor: Actor, input: { appealId: number }) {
  return await appealFor(deps, actor, input.appealId);
}
