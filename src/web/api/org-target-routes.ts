import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import { companyTargets, departmentTargets, setOrgTarget } from '../../features/targets/cascade.js';
import { manageableDepartments } from '../../features/targets/department-scope.js';
import { SPLIT_METHODS } from '../../domain/targets/split.js';
import { t } from '../../i18n/index.js';
import { requireAnyRole } from '../access.js';
import { webActor, webContext } from '../request-context.js';

const period = z.string().min(4).max(10);
const whole = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * Cascading targets (issue 18): company targets (admins) and department targets with their split to
 * the reps and the sum check (admins, and managers for the departments they lead).
 */
export const orgTargetApiRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/targets')) requireAnyRole(webContext(request), ['admin', 'manager']);
  });

  app.get('/api/targets/departments', async (request) => ({ departments: await manageableDepartments(deps, webActor(request, deps.clock())) }));

  app.get('/api/targets/company', { schema: { querystring: z.object({ period }) } }, async (request) => companyTargets(deps, webActor(request, deps.clock()), request.query.period));

  app.get('/api/targets/departments/:id', { schema: { params: z.object({ id: z.coerce.number().int().positive() }), querystring: z.object({ period }) } }, async (request) => {
    const view = await departmentTargets(deps, webActor(request, deps.clock()), { periodKey: request.query.period, departmentId: request.params.id });
    const { locale } = webContext(request);
    return { ...view, choices: view.choices.map(({ indicatorName, ...c }) => ({ ...c, indicator: t(locale, indicatorName) })) };
  });

  app.post(
    '/api/targets',
    {
      schema: {
        body: z
          .object({
            period,
            departmentId: z.number().int().positive().nullable(),
            line: z.string().min(1).max(40),
            target: whole,
            split: z
              .object({ method: z.enum(SPLIT_METHODS), manual: z.array(z.object({ userId: z.number().int().positive(), target: whole })).max(1000).optional() })
              .strict()
              .optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const { period: periodKey, departmentId, line, target, split } = request.body;
      return setOrgTarget(deps, webActor(request, deps.clock()), { periodKey, departmentId, lineKey: line, target, ...(split ? { split } : {}) });
    },
  );
};
