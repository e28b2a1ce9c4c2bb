import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { listAudit } from '../../db/repositories/assessment-audit.js';
import type { OrgRepository } from '../../db/repositories/org-repository.js';
import { instantText } from '../../features/assessment/views.js';
import { requireAnyRole } from '../access.js';
import { webContext } from '../request-context.js';

/** The audit log for HR and admins, read-only (the table itself refuses updates and deletes). */
export const auditApiRoutes: FastifyPluginAsyncZod<{ db: Db; org: OrgRepository; zone: string }> = async (app, { db, org, zone }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        querystring: z.object({
          entity: z.string().max(40).optional(),
          entityId: z.string().max(40).optional(),
          period: z.string().max(10).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(500),
        }),
      },
    },
    async (request) => {
      requireAnyRole(webContext(request), ['hr', 'admin']);
      const { entity, entityId, period, limit } = request.query;
      const rows = await listAudit(db, { ...(entity ? { entity } : {}), ...(entityId ? { entityId } : {}), ...(period ? { periodKey: period } : {}), limit });
      return {
        entries: await Promise.all(rows.map(async (row) => ({
          id: row.id,
          at: instantText(row.at, zone),
          actor: row.actorUserId === null ? null : ((await org.getUser(row.actorUserId))?.name ?? null),
          channel: row.channel,
          action: row.action,
          entity: row.entity,
          entityId: row.entityId,
          before: row.before,
          after: row.after,
        }))),
      };
    },
  );
};
