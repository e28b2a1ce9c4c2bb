import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { t } from '../../i18n/index.js';
import type { Actor } from '../../features/actor.js';
import {
  acknowledgeResult,
  adjustResult,
  appealResult,
  approveAssessment,
  chaseReview,
  assessmentDetail,
  exportApprovedWorkbook,
  listAppeals,
  listAssessments,
  rejectAssessment,
  resolveAppeal,
  submitReview,
  sendBackResults,
  withdrawReview,
  type AssessmentDeps,
} from '../../features/assessment/index.js';
import { webContext } from '../request-context.js';

/** The audit log names the H5 pages as their own source, beside feishu / dingtalk / sandbox. */
export const WEB_SOURCE = 'h5';

const periodQuery = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '周期应为 YYYY-MM (period must be YYYY-MM)') });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const versionBody = z.object({ version: z.number().int().positive() });

/**
 * The assessment cycle in the H5 pages: HR's list, detail with the grade distribution, approve /
 * reject and appeals; the manager's review (adjust, submit); the rep's acknowledgement and appeal.
 * Every route calls the same feature as the chat card (src/features/assessment): the permission
 * check, the rules, the compare-and-set on the version and the notices are the same whichever door
 * acts. A refusal is a ProblemError, translated by the error handler.
 */
export const assessmentApiRoutes: FastifyPluginAsyncZod<{ deps: AssessmentDeps }> = async (app, { deps }) => {
  const actorOf = (request: FastifyRequest): Actor => {
    const web = webContext(request);
    return { user: web.user, scope: web.scope, locale: web.locale, source: WEB_SOURCE, now: deps.clock() };
  };

  app.get('/api/assessments', { schema: { querystring: periodQuery } }, async (request) => ({
    period: request.query.period,
    assessments: await listAssessments(deps, actorOf(request), { periodKey: request.query.period }),
  }));

  app.get('/api/assessments/:id', { schema: { params: idParams } }, async (request) => ({ assessment: await assessmentDetail(deps, actorOf(request), { assessmentId: request.params.id }) }));

  /** HR: approve or reject the round the page showed (its version); a concurrent chat decision wins once. */
  app.post('/api/assessments/:id/decision', { schema: { params: idParams, body: versionBody.extend({ decision: z.enum(['approve', 'reject', 'send-back']), reason: z.string().max(500).optional(), acknowledgement: z.string().max(500).optional(), repUserIds: z.array(z.number().int().positive()).max(200).optional() }) } }, async (request) => {
    const actor = actorOf(request);
    const { decision, version, reason } = request.body;
    const input = { assessmentId: request.params.id, version };
    const sentBack = decision === 'send-back' ? await sendBackResults(deps, actor, { ...input, repUserIds: request.body.repUserIds ?? [], reason: reason ?? '' }) : null;
    const { assessment } = sentBack ?? (decision === 'approve' ? await approveAssessment(deps, actor, { ...input, acknowledgement: request.body.acknowledgement ?? '' }) : await rejectAssessment(deps, actor, { ...input, reason: reason ?? '' }));
    const message = decision === 'approve' ? 'assessment.toast.approved' : decision === 'send-back' ? 'assessment.toast.sentBack' : 'assessment.toast.rejected';
    return { assessment: await assessmentDetail(deps, actor, { assessmentId: assessment.id }), message: t(actor.locale, message) };
  });

  /** HR's 催办 from the landing page: a nudge card to the manager, once a day; a repeat says it was already sent. */
  app.post('/api/assessments/:id/chase', { schema: { params: idParams } }, async (request) => {
    const actor = actorOf(request);
    const outcome = await chaseReview(deps, actor, { assessmentId: request.params.id });
    const key = !outcome.reachable ? 'assessment.chase.unreachable' : outcome.sent ? 'assessment.chase.sent' : 'assessment.chase.alreadyToday';
    return { sent: outcome.sent, message: t(actor.locale, key, { manager: outcome.manager }) };
  });

  /** Manager (or an admin standing in): adjust one rep within the bound, with a reason. */
  app.post(
    '/api/assessments/:id/adjust',
    { schema: { params: idParams, body: z.object({ repUserId: z.number().int().positive(), points: z.string().min(1).max(10), reason: z.string().max(500) }) } },
    async (request) => {
      const actor = actorOf(request);
      const { assessment } = await adjustResult(deps, actor, { assessmentId: request.params.id, ...request.body });
      return { assessment: await assessmentDetail(deps, actor, { assessmentId: assessment.id }) };
    },
  );

  app.post('/api/assessments/:id/submit', { schema: { params: idParams, body: versionBody } }, async (request) => {
    const actor = actorOf(request);
    const { assessment } = await submitReview(deps, actor, { assessmentId: request.params.id, version: request.body.version });
    return { assessment: await assessmentDetail(deps, actor, { assessmentId: assessment.id }), message: t(actor.locale, 'assessment.toast.submitted') };
  });

  /** Manager: take a submitted review back before HR decides. */
  app.post('/api/assessments/:id/withdraw', { schema: { params: idParams, body: versionBody } }, async (request) => {
    const actor = actorOf(request);
    const { assessment } = await withdrawReview(deps, actor, { assessmentId: request.params.id, version: request.body.version });
    return { assessment: await assessmentDetail(deps, actor, { assessmentId: assessment.id }), message: t(actor.locale, 'assessment.toast.withdrawn') };
  });

  /** The rep: accept their published result, or appeal it with a reason (and the indicator concerned). */
  app.post('/api/assessment-results/:id/acknowledge', { schema: { params: idParams } }, async (request) => {
    const actor = actorOf(request);
    const { result } = await acknowledgeResult(deps, actor, { resultId: request.params.id });
    return { result: { id: result.id, status: result.status }, message: t(actor.locale, 'assessment.toast.acknowledged') };
  });

  app.post(
    '/api/assessment-results/:id/appeal',
    { schema: { params: idParams, body: z.object({ reason: z.string().max(500), indicatorKey: z.string().max(60).optional() }) } },
    async (request) => {
      const actor = actorOf(request);
      const { indicatorKey, reason } = request.body;
      const { result, appealId } = await appealResult(deps, actor, { resultId: request.params.id, reason, ...(indicatorKey ? { indicatorKey } : {}) });
      return { result: { id: result.id, status: result.status }, appealId, message: t(actor.locale, 'assessment.toast.appealed') };
    },
  );

  /** Appeals of the period's results: HR sees all, a manager their departments'. */
  app.get('/api/appeals', { schema: { querystring: periodQuery } }, async (request) => ({
    period: request.query.period,
    appeals: await listAppeals(deps, actorOf(request), { periodKey: request.query.period }),
  }));

  app.post(
    '/api/appeals/:id/resolve',
    { schema: { params: idParams, body: z.object({ outcome: z.enum(['uphold', 'adjust']), points: z.string().max(10).optional(), reason: z.string().max(500) }) } },
    async (request) => {
      const actor = actorOf(request);
      const { outcome, points, reason } = request.body;
      await resolveAppeal(deps, actor, { appealId: request.params.id, outcome, reason, ...(points === undefined ? {} : { points }) });
      return { ok: true, message: t(actor.locale, 'assessment.toast.resolved') };
    },
  );

  /** The same workbook as GET /admin/assessments/:period/export.xlsx, for HR and admin sessions. */
  app.get('/api/assessment-export', { schema: { querystring: periodQuery } }, async (request, reply) => {
    const { buffer, fileName } = await exportApprovedWorkbook(deps, actorOf(request), { periodKey: request.query.period });
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${fileName}"`).send(buffer);
  });
};
