import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { systemActor } from '../features/actor.js';
import { listAuditLog } from '../features/audit/log.js';
import { assessmentsOfPeriod, exportApprovedWorkbook, postLockAdjustments, type AssessmentDeps } from '../features/assessment/index.js';
import { createAdminGuard } from './auth.js';

export interface AssessmentAdminRoutesOptions {
  config: Config;
  clock: () => number;
  assessment: AssessmentDeps;
}

const periodParam = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '周期应为 YYYY-MM (period must be YYYY-MM)') });

/**
 * Assessments for HR and admins (Bearer ADMIN_TOKEN): the audit log (read-only: there is no route
 * that changes it), a period's assessments, its post-lock adjustments and the .xlsx export, through
 * the assessment features (acting as the system: the token names no person).
 */
export const assessmentAdminRoutes: FastifyPluginAsyncZod<AssessmentAdminRoutesOptions> = async (app, options) => {
  app.addHook('onRequest', createAdminGuard(options.config.adminToken));
  const deps = options.assessment;
  const actor = () => systemActor('admin-api', options.clock());

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
      return { entries: await listAuditLog(deps, actor(), { ...(entity ? { entity } : {}), ...(entityId ? { entityId } : {}), ...(period ? { periodKey: period } : {}), limit }) };
    },
  );

  app.get('/admin/assessments/:period', { schema: { params: periodParam } }, async (request) => ({
    assessments: await assessmentsOfPeriod(deps, actor(), { periodKey: request.params.period }),
  }));

  app.get('/admin/assessments/:period/post-lock-adjustments', { schema: { params: periodParam } }, async (request) => ({
    adjustments: await postLockAdjustments(deps, actor(), { periodKey: request.params.period }),
  }));

  app.get('/admin/assessments/:period/export.xlsx', { schema: { params: periodParam } }, async (request, reply) => {
    const { buffer, fileName } = await exportApprovedWorkbook(deps, actor(), { periodKey: request.params.period });
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${fileName}"`).send(buffer);
  });
};
