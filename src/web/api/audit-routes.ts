import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { listAudit } from '../../db/repositories/assessment-audit.js';
import type { OrgRepository } from '../../db/repositories/org-repository.js';
import { auditLine, isSystemRow } from '../../domain/assessment/audit-line.js';
import { instantText } from '../../features/assessment/views.js';
import { auditLineText } from '../../i18n/audit-text.js';
import { requireAnyRole } from '../access.js';
import { webContext } from '../request-context.js';

/**
 * The audit log for HR and admins, read-only (the table itself refuses updates and deletes): newest
 * first, one sentence per row, filterable by person and period; rows without an acting person (the
 * demo seed, imports, jobs) only when `system=true`.
 */
export const auditApiRoutes: FastifyPluginAsyncZod<{ db: Db; org: OrgRepository; zone: string }> = async (app, { db, org, zone }) => {
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
      const { entity, entityId, period, person, system, limit } = request.query;
      const rows = await listAudit(db, {
        ...(entity ? { entity } : {}),
        ...(entityId ? { entityId } : {}),
        ...(period ? { periodKey: period } : {}),
        ...(person ? { personUserId: person } : {}),
        withoutSystem: system !== 'true',
        newestFirst: true,
        limit,
      });
      // Names are read once per request: the sentences are built synchronously from them.
      const departments = new Map((await org.listDepartments()).map((d) => [d.id, d.name]));
      const people = await org.listUsers();
      const userNames = new Map(people.map((u) => [u.id, u.name]));
      const names = { user: (id: number) => userNames.get(id), department: (id: number) => departments.get(id) };
      return {
        people: people.map((u) => ({ id: u.id, name: u.name })),
        entries: rows.map((row) => ({
          id: row.id,
          at: instantText(row.at, zone),
          actor: row.actorUserId === null ? null : (userNames.get(row.actorUserId) ?? null),
          system: isSystemRow(row),
          line: auditLineText(web.locale, auditLine(row, names)),
          channel: row.channel,
          action: row.action,
          entity: row.entity,
          entityId: row.entityId,
          before: row.before,
          after: row.after,
        })),
      };
    },
  );
};
