import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import { getKpiTemplate } from '../../features/kpi/templates.js';
import { payRuleOf, setPayRule } from '../../features/pay/pay-rules.js';
import { DEFAULT_PAY_RULE } from '../../domain/pay/pay-rule.js';
import { periodContaining } from '../../domain/period.js';
import { requireAnyRole } from '../access.js';
import { webActor, webContext, webError } from '../request-context.js';

const codeParams = z.object({ code: z.string().min(1).max(40) });

/**
 * The template editor's pay rule (admins): grade → bonus coefficient and the optional commission
 * tiers, in basis points and fen. The body is checked by the feature, so a bad rule is refused in the
 * reader's language and nothing is written.
 */
export const payRuleApiRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.addHook('onRequest', async (request) => {
    if (/^\/api\/admin\/templates\/[^/]+\/pay-rule/.test(request.url)) requireAnyRole(webContext(request), ['admin']);
  });

  async function templateOf(request: Parameters<typeof webContext>[0], code: string) {
    const template = await getKpiTemplate(deps, code);
    if (!template) throw webError('NOT_FOUND', 'web.template.notFound', webContext(request).locale, { code });
    return template;
  }

  app.get('/api/admin/templates/:code/pay-rule', { schema: { params: codeParams } }, async (request) => {
    const template = await templateOf(request, request.params.code);
    const period = periodContaining(template.periodType, deps.clock(), deps.config.timezone);
    const { rule, versions } = await payRuleOf(deps, template.code, period);
    return { period: period.key, periodStart: period.startDate, rule, versions, defaults: DEFAULT_PAY_RULE };
  });

  app.put('/api/admin/templates/:code/pay-rule', { schema: { params: codeParams, body: z.object({ rule: z.unknown(), effectiveFrom: z.string().max(10).optional() }).strict() } }, async (request) => {
    const template = await templateOf(request, request.params.code);
    const { rule, effectiveFrom } = request.body;
    return setPayRule(deps, webActor(request, deps.clock()), { templateCode: template.code, periodType: template.periodType, rule, ...(effectiveFrom ? { effectiveFrom } : {}) });
  });
};
