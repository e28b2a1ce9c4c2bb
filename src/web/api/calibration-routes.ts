import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calibrationView, type AssessmentDeps } from '../../features/assessment/index.js';
import { webContext } from '../request-context.js';
import { WEB_SOURCE } from './assessment-routes.js';

const calibrationQuery = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '周期应为 YYYY-MM (period must be YYYY-MM)'),
  department: z.coerce.number().int().positive().optional(),
});

/** HR's calibration view (校准): the feature checks the role, so a rep or a manager gets 403. */
export const calibrationApiRoutes: FastifyPluginAsyncZod<{ deps: AssessmentDeps }> = async (app, { deps }) => {
  app.get('/api/calibration', { schema: { querystring: calibrationQuery } }, async (request) => {
    const web = webContext(request);
    const actor = { user: web.user, scope: web.scope, locale: web.locale, source: WEB_SOURCE, now: deps.clock() } as const;
    const { period, department } = request.query;
    return await calibrationView(deps, actor, { periodKey: period, ...(department === undefined ? {} : { departmentId: department }) });
  });
};
