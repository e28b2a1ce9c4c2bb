import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BotDeps } from '../../bot/deps.js';
import { opportunitySpec } from '../../bot/commands/opportunity.js';
import { visitSpec } from '../../bot/commands/visit.js';
import { channelFrom, createCustomerIn } from '../../bot/records/customer-flow.js';
import { problemError, localised, type RecordContext } from '../../bot/records/record-context.js';
import { inTransaction } from '../../db/client.js';
import { createDashboardRepository } from '../../db/repositories/dashboard-repository.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { businessDateOf } from '../../domain/records/business-date.js';
import { DEAL_STAGES, VISIT_KINDS } from '../../domain/records/vocabulary.js';
import type { PlatformName } from '../../platforms/channel.js';
import { recordEntry } from '../../services/records/entry-journal.js';
import { createRecordServices } from '../../services/records/record-services.js';
import { webContext, webError, type WebContext } from '../request-context.js';

export interface RecordApiOptions {
  botDeps: BotDeps;
}

const listQuery = z.object({
  q: z.string().trim().max(50).optional(),
  channelId: z.coerce.number().int().positive().optional(),
});
const dateText = z.string().trim().max(20);
const visitBody = z.object({
  visitDate: dateText.optional(),
  kind: z.enum(VISIT_KINDS).default('onsite'),
  notes: z.string().max(2000).optional(),
  nextStep: z.string().max(2000).optional(),
  nextStepDue: dateText.optional(),
});
const customerPatch = z.object({
  channelId: z.coerce.number().int().positive().optional(),
  region: z.string().trim().max(50).optional(),
  industry: z.string().trim().max(50).optional(),
});

/**
 * Lists (scope-narrowed) and H5 entry of visits and customers. Writes go through the same specs,
 * services and journal as the chat commands, so validation, audit and undo are identical; the
 * audit channel and the record source are 'h5'.
 */
export const recordApiRoutes: FastifyPluginAsyncZod<RecordApiOptions> = async (app, { botDeps }) => {
  const services = createRecordServices(botDeps.db);
  const dashboard = createDashboardRepository(botDeps.db);

  function recordContextOf(web: WebContext): RecordContext {
    const now = botDeps.clock();
    return {
      cmd: { user: web.user, locale: web.locale, now, platform: web.session.platform as PlatformName, deps: botDeps, scope: () => web.scope },
      services,
      actor: { userId: web.user.id, channel: 'h5', now },
      parse: { today: businessDateOf(now, botDeps.config.timezone), maxAmountFen: botDeps.config.maxAmountFen },
    };
  }

  const asFormValues = (body: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));

  app.get('/api/channels', async () => ({ channels: services.channels.list().map((c) => ({ id: c.id, name: c.name })) }));

  app.get('/api/customers', { schema: { querystring: listQuery.extend({ tag: z.string().trim().max(30).optional() }) } }, async (request) => {
    const web = webContext(request);
    return { customers: dashboard.listCustomers(web.scope, request.query) };
  });

  app.get('/api/customers/:id', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (request) => {
    const web = webContext(request);
    const customer = services.customers.get(request.params.id);
    if (!customer) throw webError('NOT_FOUND', 'web.notFound', web.locale);
    if (!canSeeUser(web.scope, customer.ownerUserId)) throw webError('FORBIDDEN', 'web.forbidden', web.locale);
    return { customer };
  });

  app.get('/api/visits', { schema: { querystring: listQuery } }, async (request) => {
    const web = webContext(request);
    return { visits: dashboard.listVisits(web.scope, request.query) };
  });

  app.get('/api/deals', { schema: { querystring: listQuery.extend({ stage: z.enum(DEAL_STAGES).optional() }) } }, async (request) => {
    const web = webContext(request);
    return { deals: dashboard.listDeals(web.scope, request.query) };
  });

  app.get('/api/visits/:id', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (request) => {
    const web = webContext(request);
    const visit = services.records.visits.get(request.params.id);
    if (!visit) throw webError('NOT_FOUND', 'web.notFound', web.locale);
    if (!canSeeUser(web.scope, visit.repUserId)) throw webError('FORBIDDEN', 'web.forbidden', web.locale);
    return { visit: { ...visit, customerName: services.customers.get(visit.customerId)?.name ?? '' } };
  });

  app.post(
    '/api/visits',
    { schema: { body: visitBody.extend({ customerId: z.number().int().positive(), token: z.string().uuid().optional() }) } },
    async (request, reply) => {
      const web = webContext(request);
      const rc = recordContextOf(web);
      const customer = services.customers.get(request.body.customerId);
      if (!customer || !canSeeUser(web.scope, customer.ownerUserId)) throw webError('NOT_FOUND', 'records.error.customerForbidden', web.locale, {}, 404);
      const parsed = visitSpec.fromValues({ ...asFormValues(request.body), customer: customer.name }, rc.parse);
      if (!parsed.ok) throw problemError(rc.cmd, parsed.problem);
      const result = localised(rc.cmd, () => recordEntry(services, rc.actor, { kind: 'visit', token: request.body.token ?? null }, () => visitSpec.save(rc, customer, parsed.value, 'h5')));
      reply.code(result.duplicate ? 200 : 201);
      return { visit: services.records.visits.get(result.entry.entityId), entryId: result.entry.id, duplicate: result.duplicate };
    },
  );

  // A deal or opportunity from H5: the same 商机 spec as chat (amount text such as 5万 or 50000, stage, close date).
  app.post(
    '/api/deals',
    {
      schema: {
        body: z.object({
          customerId: z.number().int().positive(),
          amount: z.string().trim().min(1).max(30),
          stage: z.enum(DEAL_STAGES).default('lead'),
          expectedCloseDate: dateText.optional(),
          title: z.string().trim().max(100).optional(),
          token: z.string().uuid().optional(),
        }),
      },
    },
    async (request, reply) => {
      const web = webContext(request);
      const rc = recordContextOf(web);
      const customer = services.customers.get(request.body.customerId);
      if (!customer || !canSeeUser(web.scope, customer.ownerUserId)) throw webError('NOT_FOUND', 'records.error.customerForbidden', web.locale, {}, 404);
      const parsed = opportunitySpec.fromValues({ ...asFormValues(request.body), customer: customer.name }, rc.parse);
      if (!parsed.ok) throw problemError(rc.cmd, parsed.problem);
      const result = localised(rc.cmd, () => recordEntry(services, rc.actor, { kind: 'opportunity', token: request.body.token ?? null }, () => opportunitySpec.save(rc, customer, parsed.value, 'h5')));
      reply.code(result.duplicate ? 200 : 201);
      return { deal: services.records.deals.get(result.entry.entityId), entryId: result.entry.id, duplicate: result.duplicate };
    },
  );

  app.patch('/api/visits/:id', { schema: { params: z.object({ id: z.coerce.number().int().positive() }), body: visitBody } }, async (request) => {
    const web = webContext(request);
    const rc = recordContextOf(web);
    const visit = services.records.visits.get(request.params.id);
    if (!visit) throw webError('NOT_FOUND', 'web.notFound', web.locale);
    if (!canSeeUser(web.scope, visit.repUserId)) throw webError('FORBIDDEN', 'web.forbidden', web.locale);
    const customerName = services.customers.get(visit.customerId)?.name ?? '';
    // Unsent fields keep their stored value: a partial edit changes only what it names.
    const current = visitSpec.toValues({ ...visit, customer: customerName });
    const parsed = visitSpec.fromValues({ ...current, ...asFormValues(request.body), customer: customerName }, rc.parse);
    if (!parsed.ok) throw problemError(rc.cmd, parsed.problem);
    localised(rc.cmd, () => inTransaction(botDeps.db, () => visitSpec.update(rc, visit.id, parsed.value)));
    return { visit: services.records.visits.get(visit.id) };
  });

  app.post(
    '/api/customers',
    { schema: { body: customerPatch.extend({ name: z.string().trim().min(1).max(100), channelId: z.coerce.number().int().positive() }) } },
    async (request, reply) => {
      const web = webContext(request);
      const rc = recordContextOf(web);
      const { name } = request.body;
      const existing = services.customers.findByName(name);
      if (existing && canSeeUser(web.scope, existing.ownerUserId)) throw webError('CONFLICT', 'web.customer.exists', web.locale, { name: existing.name }, 409);
      if (existing) throw webError('CONFLICT', 'records.error.customerHidden', web.locale, { name }, 409);
      const customer = localised(rc.cmd, () => inTransaction(botDeps.db, () => createCustomerIn(rc, name, asFormValues({ ...request.body, channel: request.body.channelId }), 'h5')));
      reply.code(201);
      return { customer };
    },
  );

  app.patch('/api/customers/:id', { schema: { params: z.object({ id: z.coerce.number().int().positive() }), body: customerPatch } }, async (request) => {
    const web = webContext(request);
    const rc = recordContextOf(web);
    const customer = services.customers.get(request.params.id);
    if (!customer) throw webError('NOT_FOUND', 'web.notFound', web.locale);
    if (!canSeeUser(web.scope, customer.ownerUserId)) throw webError('FORBIDDEN', 'web.forbidden', web.locale);
    const { channelId, region, industry } = request.body;
    const patch = {
      ...(channelId !== undefined ? { channelId: channelFrom(rc, String(channelId)) } : {}),
      ...(region !== undefined ? { region: region || null } : {}),
      ...(industry !== undefined ? { industry: industry || null } : {}),
    };
    return { customer: inTransaction(botDeps.db, () => services.customers.update(rc.actor, customer.id, patch)) };
  });
};
