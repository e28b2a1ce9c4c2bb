import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditLogEntries, listAuditLog } from '../../features/audit/log.js';
import type { AppDeps } from '../../features/deps.js';
import { requireAnyRole } from '../access.js';
import { webActor, webContext } from '../request-context.js';

/**
 * The audit log for HR and admins, read-only (the table itself refuses updates and deletes): newest
 * first, one sentence per row, filterable by person and period; rows without an acting person (the
 * demo seed, imports, jobs) only when `system=true`.
 */
export const auditApiRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        querystring: z.object({
          entity: z.string().max(40).optional(),
          entityId: z.string().max(40).optional(),
          period: z.string().max(10).optional(),
          person: z.coerce.number().int().positive().optional(),
          system: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(1000).default(500),
        }),
      },
    },
    async (request) => {
      const web = webContext(request);
      requireAnyRole(web, ['hr', 'admin']);
      const actor = webActor(request, deps.clock());
      const { entity, entityId, period, person, system, limit } = request.query;
      const rows = await listAuditLog(deps, actor, {
        ...(entity ? { entity } : {}),
        ...(entityId ? { entityId } : {}),
        ...(period ? { periodKey: period } : {}),
        ...(person ? { personUserId: person } : {}),
        withoutSystem: system !== 'true',
        newestFirst: true,
        limit,
      });
      return auditLogEntries(deps, actor, rows);
    },
  );
};
