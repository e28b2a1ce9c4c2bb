import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import { IMPORT_TEMPLATE_KINDS, importTemplateWorkbook } from '../../features/imports/import-templates.js';
import { requireAnyRole } from '../access.js';
import { webContext } from '../request-context.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import templates (headers and one example row) the admin page links to, one per import. */
export const importTemplateApiRoutes: FastifyPluginAsyncZod<{ botDeps: AppDeps }> = async (app, { botDeps }) => {
  app.get('/api/admin/import-templates/:kind', { schema: { params: z.object({ kind: z.enum(IMPORT_TEMPLATE_KINDS.map((k) => `${k}.xlsx`) as [string, ...string[]]) }) } }, async (request, reply) => {
    requireAnyRole(webContext(request), ['admin']);
    const kind = request.params.kind.replace(/\.xlsx$/, '') as (typeof IMPORT_TEMPLATE_KINDS)[number];
    const { buffer, fileName } = await importTemplateWorkbook(kind, { now: botDeps.clock(), zone: botDeps.config.timezone });
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="${fileName}"`).send(buffer);
  });
};
