import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BotDeps } from '../../bot/deps.js';
import type { AuditActor } from '../../db/repositories/assessment-audit.js';
import type { AssessmentRow, TransitionOutcome } from '../../db/repositories/assessment-repository.js';
import { parsePointsToCenti } from '../../domain/assessment/frozen-scorecard.js';
import type { Actor, Refusal } from '../../domain/assessment/state-machine.js';
import { AppError } from '../../domain/errors.js';
import { ProblemError } from '../../domain/problem.js';
import { checkDistribution } from '../../domain/kpi/distribution.js';
import { GRADES } from '../../domain/kpi/template.js';
import { t } from '../../domain/messages/index.js';
import { exportAssessmentWorkbook } from '../../services/assessment-export.js';
import { createAssessmentWorkflow } from '../../services/assessment-workflow.js';
import { instantText } from '../../services/assessment-views.js';
import { requireAnyRole } from '../access.js';
import { webContext, webError, type WebContext } from '../request-context.js';

/** The audit log names the H5 pages as their own channel, beside feishu / dingtalk / sandbox. */
export const WEB_CHANNEL = 'h5';
const HR_ROLES = ['hr', 'admin'] as const;
const REVIEW_ROLES = ['manager', 'hr', 'admin'] as const;

const periodQuery = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '周期应为 YYYY-MM (period must be YYYY-MM)') });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const versionBody = z.object({ version: z.number().int().positive() });

/** The state machine's refusal as a Problem (the error handler translates it); a transition the current state does not allow is a 409. */
function stateRefusal(outcome: Refusal): ProblemError {
  return new ProblemError(outcome.problem);
}

/**
 * The assessment cycle in the H5 pages: HR's list, detail with the grade distribution, approve /
 * reject and appeals; the manager's review (adjust, submit). Every change goes through the same
 * repository transition and workflow side effects as the chat cards (src/bot/commands/assessment.ts),
 * so the rules, the compare-and-set on the version and the notices are the same whichever channel acts.
 */
export const assessmentApiRoutes: FastifyPluginAsyncZod<{ botDeps: BotDeps }> = async (app, { botDeps }) => {
  const workflow = createAssessmentWorkflow(botDeps);
  const { repo, views } = workflow;
  const zone = botDeps.config.timezone;

  const who = (web: WebContext): Actor => ({ userId: web.user.id, roles: web.user.roles });
  const audit = (web: WebContext): AuditActor => ({ userId: web.user.id, channel: WEB_CHANNEL, now: botDeps.clock() });
  const isHr = (web: WebContext) => web.user.roles.some((r) => r === 'hr' || r === 'admin');
  /** HR and admins see every department; a manager only the ones they review. */
  const canSee = (web: WebContext, row: AssessmentRow) => isHr(web) || row.managerUserId === web.user.id;

  function visibleAssessment(web: WebContext, id: number): AssessmentRow {
    const row = repo.get(id);
    if (!row) throw webError('NOT_FOUND', 'web.notFound', web.locale);
    if (!canSee(web, row)) throw webError('FORBIDDEN', 'web.forbidden', web.locale);
    return row;
  }

  /** A refusal of the state machine, with its reason as the chat toast shows it; a lost race is a 409. */
  function refused(web: WebContext, outcome: Exclude<TransitionOutcome<unknown>, { ok: true }>, row?: AssessmentRow): never {
    if (outcome.problem.code === 'INVALID_STATE' && row && (row.status !== 'pending_approval' || outcome.stale)) {
      const reason = row.status === 'pending_approval' ? t(web.locale, 'assessment.approval.superseded') : t(web.locale, 'assessment.toast.alreadyDecided', { by: views.nameOf(row.decidedByUserId), status: t(web.locale, `assessment.status.${row.status}`) });
      throw new AppError('CONFLICT', reason, { params: { reason } });
    }
    throw stateRefusal(outcome);
  }

  function detail(web: WebContext, row: AssessmentRow) {
    const approval = views.approval(row, web.locale);
    const report = checkDistribution(approval.reps.map((r) => (r.finalGrade === '—' ? null : r.finalGrade)));
    const grades = [...GRADES, ...Object.keys(report.counts).filter((g) => !(GRADES as readonly string[]).includes(g))];
    return {
      id: row.id,
      version: row.version,
      periodKey: row.periodKey,
      department: approval.department,
      manager: approval.manager,
      status: row.status,
      statusText: t(web.locale, `assessment.status.${row.status}`),
      bound: row.adjustmentBound,
      submittedAt: row.submittedAt === null ? null : instantText(row.submittedAt, zone),
      decided: row.decidedAt === null ? null : { by: views.nameOf(row.decidedByUserId), at: instantText(row.decidedAt, zone) },
      rejectionReason: row.rejectionReason,
      reps: approval.reps,
      carriedOver: approval.carriedOver,
      distribution: { total: report.total, grades: grades.map((grade) => ({ grade, count: report.counts[grade] ?? 0 })), ok: report.ok, flags: approval.distributionFlags },
      can: {
        decide: web.user.roles.includes('hr') && row.status === 'pending_approval',
        review: row.status === 'in_review' && (web.user.roles.includes('admin') || row.managerUserId === web.user.id),
        /** Reps the caller may adjust: never themselves (a manager who is also assessed). */
        adjustUserIds: approval.reps.map((r) => r.userId).filter((id) => id !== web.user.id),
      },
    };
  }

  app.get('/api/assessments', { schema: { querystring: periodQuery } }, async (request) => {
    const web = webContext(request);
    requireAnyRole(web, REVIEW_ROLES);
    const rows = repo.listByPeriod(request.query.period).filter((row) => canSee(web, row));
    return {
      period: request.query.period,
      assessments: rows.map((row) => ({
        id: row.id,
        version: row.version,
        department: row.departmentName,
        manager: views.nameOf(row.managerUserId),
        status: row.status,
        statusText: t(web.locale, `assessment.status.${row.status}`),
        reps: repo.resultsOf(row.id).length,
      })),
    };
  });

  app.get('/api/assessments/:id', { schema: { params: idParams } }, async (request) => {
    const web = webContext(request);
    requireAnyRole(web, REVIEW_ROLES);
    return { assessment: detail(web, visibleAssessment(web, request.params.id)) };
  });

  /** HR: approve or reject the round the page showed (its version); a concurrent chat decision wins once. */
  app.post('/api/assessments/:id/decision', { schema: { params: idParams, body: versionBody.extend({ decision: z.enum(['approve', 'reject']), reason: z.string().max(500).optional() }) } }, async (request) => {
    const web = webContext(request);
    requireAnyRole(web, ['hr']);
    const row = visibleAssessment(web, request.params.id);
    const { decision, version, reason } = request.body;
    const action = decision === 'approve' ? ({ type: 'approve' } as const) : ({ type: 'reject', reason: reason ?? '' } as const);
    const outcome = repo.transition(row.id, action, who(web), audit(web), version);
    if (!outcome.ok) refused(web, outcome, outcome.row);
    workflow.afterDecision(outcome.row, version, undefined);
    return { assessment: detail(web, outcome.row), message: t(web.locale, decision === 'approve' ? 'assessment.toast.approved' : 'assessment.toast.rejected') };
  });

  /** Manager (or an admin standing in): adjust one rep within the bound, with a reason. */
  app.post(
    '/api/assessments/:id/adjust',
    { schema: { params: idParams, body: z.object({ repUserId: z.number().int().positive(), points: z.string().min(1).max(10), reason: z.string().max(500) }) } },
    async (request) => {
      const web = webContext(request);
      requireAnyRole(web, ['manager', 'admin']);
      const row = visibleAssessment(web, request.params.id);
      const centi = parsePointsToCenti(request.body.points);
      if (centi === null) throw new AppError('VALIDATION_FAILED', 'bad points', { params: { reason: t(web.locale, 'assessment.badPoints') } });
      const outcome = repo.transition(row.id, { type: 'adjust', repUserId: request.body.repUserId, points: centi / 100, reason: request.body.reason }, who(web), audit(web));
      if (!outcome.ok) refused(web, outcome);
      return { assessment: detail(web, outcome.row) };
    },
  );

  app.post('/api/assessments/:id/submit', { schema: { params: idParams, body: versionBody } }, async (request) => {
    const web = webContext(request);
    requireAnyRole(web, ['manager', 'admin']);
    const row = visibleAssessment(web, request.params.id);
    const outcome = repo.transition(row.id, { type: 'submit' }, who(web), audit(web), request.body.version);
    if (!outcome.ok) refused(web, outcome);
    workflow.afterSubmit(outcome.row);
    return { assessment: detail(web, outcome.row), message: t(web.locale, 'assessment.toast.submitted') };
  });

  /** Appeals of the period's results: HR sees all, a manager their departments'. */
  app.get('/api/appeals', { schema: { querystring: periodQuery } }, async (request) => {
    const web = webContext(request);
    requireAnyRole(web, REVIEW_ROLES);
    const appeals = repo
      .listByPeriod(request.query.period)
      .filter((row) => canSee(web, row))
      .flatMap((row) =>
        repo.resultsOf(row.id).flatMap((result) => {
          const appeal = repo.latestAppeal(result.id);
          if (!appeal) return [];
          const view = views.appeal(appeal, result, row, web.locale);
          return [{ ...view, department: row.departmentName, status: appeal.status, bound: row.adjustmentBound, createdAt: instantText(appeal.createdAt, zone) }];
        }),
      );
    return { period: request.query.period, appeals };
  });

  app.post(
    '/api/appeals/:id/resolve',
    { schema: { params: idParams, body: z.object({ outcome: z.enum(['uphold', 'adjust']), points: z.string().max(10).optional(), reason: z.string().max(500) }) } },
    async (request) => {
      const web = webContext(request);
      requireAnyRole(web, REVIEW_ROLES);
      const appeal = repo.appeal(request.params.id);
      const result = appeal ? repo.result(appeal.resultId) : undefined;
      if (!appeal || !result) throw webError('NOT_FOUND', 'web.notFound', web.locale);
      visibleAssessment(web, result.assessmentId);
      const { outcome: kind, reason } = request.body;
      let action: Parameters<typeof repo.actOnResult>[1] = { type: 'resolve-appeal', outcome: 'uphold', reason };
      if (kind === 'adjust') {
        const centi = parsePointsToCenti(request.body.points ?? '');
        if (centi === null || centi === 0) throw new AppError('VALIDATION_FAILED', 'bad points', { params: { reason: t(web.locale, 'assessment.badPoints') } });
        action = { type: 'resolve-appeal', outcome: 'adjust', points: centi / 100, reason };
      }
      const outcome = repo.actOnResult(appeal.resultId, action, who(web), audit(web));
      if (!outcome.ok) {
        const current = repo.appeal(appeal.id);
        if (outcome.problem.code === 'INVALID_STATE' && current?.status === 'resolved') {
          const reasonText = t(web.locale, 'assessment.toast.alreadyDecided', { by: views.nameOf(current.resolvedByUserId), status: t(web.locale, 'assessment.result.status.appeal_resolved') });
          throw new AppError('CONFLICT', reasonText, { params: { reason: reasonText } });
        }
        throw stateRefusal(outcome);
      }
      workflow.afterResolve(outcome.row, appeal.id, undefined);
      return { ok: true, message: t(web.locale, 'assessment.toast.resolved') };
    },
  );

  /** The same workbook as GET /admin/assessments/:period/export.xlsx, for HR and admin sessions. */
  app.get('/api/assessment-export', { schema: { querystring: periodQuery } }, async (request, reply) => {
    const web = webContext(request);
    requireAnyRole(web, HR_ROLES);
    const { buffer, departments } = await exportAssessmentWorkbook(botDeps.db, repo, request.query.period);
    if (departments === 0) throw webError('NOT_FOUND', 'web.assessment.nothingToExport', web.locale, { period: request.query.period });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="assessment-${request.query.period}.xlsx"`)
      .send(buffer);
  });
};
