import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { listAudit } from '../db/repositories/assessment-audit.js';
import { detectPostLockAdjustments } from '../db/repositories/assessment-post-lock.js';
import { createAssessmentRepository } from '../db/repositories/assessment-repository.js';
import { AppError } from '../domain/errors.js';
import { exportAssessmentWorkbook } from '../services/assessment-export.js';
import { createAdminGuard } from './auth.js';

export interface AssessmentAdminRoutesOptions {
  config: Config;
  db: Db;
  clock: () => number;
}

const periodParam = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '周期应为 YYYY-MM (period must be YYYY-MM)') });

/**
 * Assessments for HR and admins (Bearer ADMIN_TOKEN): the audit log (read-only: there is no route
 * that changes it), a period's assessments, its post-lock adjustments and the .xlsx export.
 */
export const assessmentAdminRoutes: FastifyPluginAsyncZod<AssessmentAdminRoutesOptions> = async (app, options) => {
  app.addHook('onRequest', createAdminGuard(options.config.adminToken));
  const repo = createAssessmentRepository(options.db, { ...options.config.assessment, zone: options.config.timezone });

  app.get(
    '/admin/audit',
    {
      schema: {
        querystring: z.object({
          entity: z.string().max(40).optional(),
          entityId: z.string().max(40).optional(),
          period: z.string().max(10).optional(),
          limit: z.coerce.number().int().min(1).max(5000).default(1000),
        }),
      },
    },
    async (request) => {
      const { entity, entityId, period, limit } = request.query;
      return { entries: listAudit(options.db, { ...(entity ? { entity } : {}), ...(entityId ? { entityId } : {}), ...(period ? { periodKey: period } : {}), limit }) };
    },
  );

  app.get('/admin/assessments/:period', { schema: { params: periodParam } }, async (request) => ({
    assessments: repo.listByPeriod(request.params.period).map((a) => ({ ...a, results: repo.resultsOf(a.id).map(({ scorecard: _scorecard, ...r }) => r) })),
  }));

  app.get('/admin/assessments/:period/post-lock-adjustments', { schema: { params: periodParam } }, async (request) => ({
    adjustments: detectPostLockAdjustments(options.db, request.params.period, { userId: null, channel: 'admin-api', now: options.clock() }, options.config.timezone),
  }));

  app.get('/admin/assessments/:period/export.xlsx', { schema: { params: periodParam } }, async (request, reply) => {
    const { buffer, departments } = await exportAssessmentWorkbook(options.db, repo, request.params.period);
    if (departments === 0) {
      throw new AppError('NOT_FOUND', 'no approved assessment', { params: { reason: `${request.params.period} 没有已审批的考核 (no approved assessment for this period)` } });
    }
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="assessment-${request.params.period}.xlsx"`)
      .send(buffer);
  });
};
